import {
  compliance,
  outcomeOfPhase,
  retentionStatus,
  rpoGraceSeconds,
  rpoStatus,
} from './compliance';
import { SEED_POLICIES } from './policies';
import { BackupRun } from './types';

const HOUR = 3600;
const DAY = 86400;
const databases = SEED_POLICIES.find(p => p.name === 'databases')!;
const media = SEED_POLICIES.find(p => p.name === 'media')!;
const now = new Date('2026-11-25T12:00:00Z');

const run = (overrides: Partial<BackupRun>): BackupRun => ({
  tool: 'velero',
  id: 'b',
  phase: 'Completed',
  outcome: 'succeeded',
  startedAt: null,
  completedAt: null,
  expiresAt: null,
  ttlSeconds: 3 * DAY,
  ...overrides,
});
const ago = (seconds: number) =>
  new Date(now.getTime() - seconds * 1000).toISOString();

describe('phases', () => {
  it('counts only Completed as good, and empty, new, Deleting or unknown phases as not', () => {
    expect(outcomeOfPhase('Completed')).toBe('succeeded');
    expect(outcomeOfPhase('PartiallyFailed')).toBe('partial');
    expect(outcomeOfPhase('FinalizingPartiallyFailed')).toBe('partial');
    expect(outcomeOfPhase('FailedValidation')).toBe('failed');
    expect(outcomeOfPhase('Queued')).toBe('running');
    expect(outcomeOfPhase('New')).toBe('running');
    expect(outcomeOfPhase('Deleting')).toBe('unknown');
    expect(outcomeOfPhase('')).toBe('unknown');
    expect(outcomeOfPhase(undefined)).toBe('unknown');
    expect(outcomeOfPhase('SomethingNewInVelero2')).toBe('unknown');
  });
});

describe('RPO at its boundaries', () => {
  it('is ok up to the RPO plus grace, late up to twice the RPO, breached after', () => {
    const grace = rpoGraceSeconds(HOUR);
    expect(grace).toBe(600);
    expect(rpoStatus(0, HOUR)).toBe('ok');
    expect(rpoStatus(HOUR + grace, HOUR)).toBe('ok');
    expect(rpoStatus(HOUR + grace + 1, HOUR)).toBe('late');
    expect(rpoStatus(2 * HOUR, HOUR)).toBe('late');
    expect(rpoStatus(2 * HOUR + 1, HOUR)).toBe('breached');
    expect(rpoStatus(null, HOUR)).toBe('breached');
    expect(rpoGraceSeconds(DAY)).toBe(8640);
    expect(rpoStatus(DAY + 8640, DAY)).toBe('ok');
    expect(rpoStatus(DAY + 8641, DAY)).toBe('late');
  });
});

describe('retention at its boundaries', () => {
  it('compares the TTL with the policy, and "forever" is never met by a TTL', () => {
    expect(retentionStatus(databases, run({ ttlSeconds: 3 * DAY }))).toBe('ok');
    expect(retentionStatus(databases, run({ ttlSeconds: 3 * DAY - 1 }))).toBe(
      'short',
    );
    expect(retentionStatus(databases, run({ ttlSeconds: null }))).toBe(
      'unknown',
    );
    expect(retentionStatus(databases, null)).toBe('unknown');
    expect(
      retentionStatus(media, run({ tool: 'restic', ttlSeconds: null })),
    ).toBe('unknown');
    expect(retentionStatus(media, run({ ttlSeconds: 3650 * DAY }))).toBe(
      'short',
    );
  });
});

describe('compliance', () => {
  it('takes the newest good backup, skipping failures, running ones and null timestamps', () => {
    const result = compliance({
      policy: databases,
      runs: [
        run({ id: 'old-good', completedAt: ago(5 * HOUR) }),
        run({ id: 'good', completedAt: ago(50 * 60) }),
        run({
          id: 'failed',
          phase: 'Failed',
          outcome: 'failed',
          completedAt: ago(10 * 60),
          failureReason: 'hook <b>failed</b>',
        }),
        run({
          id: 'running',
          phase: 'InProgress',
          outcome: 'running',
          startedAt: ago(60),
        }),
        run({ id: 'no-times', completedAt: null, startedAt: null }),
      ],
      restores: [],
      now,
    });
    expect(result.lastGood?.id).toBe('good');
    expect(result.rpo).toBe('ok');
    expect(result.lastGoodAgeSeconds).toBe(3000);
    expect(result.recentFailures.map(r => r.id)).toEqual(['failed']);
    expect(result.reasons).toContain('No restore drill on record');
  });

  it('does not count an expired backup as good, and flags one about to expire', () => {
    const result = compliance({
      policy: databases,
      runs: [
        run({ id: 'expired', completedAt: ago(30 * 60), expiresAt: ago(1) }),
        run({
          id: 'expiring',
          completedAt: ago(90 * 60),
          expiresAt: new Date(now.getTime() + HOUR * 1000).toISOString(),
        }),
      ],
      restores: [],
      now,
    });
    expect(result.lastGood?.id).toBe('expiring');
    expect(result.rpo).toBe('late');
    expect(result.expiringSoon.map(r => r.id)).toEqual(['expiring']);
    expect(result.reasons).toContain(
      'The last good backup expires within a day',
    );
  });

  it('finds the last restore drill of this entity’s backups only', () => {
    const result = compliance({
      policy: databases,
      runs: [run({ id: 'mine', completedAt: ago(HOUR) })],
      restores: [
        {
          id: 'r1',
          backupName: 'mine',
          phase: 'Completed',
          outcome: 'succeeded',
          completedAt: ago(2 * DAY),
        },
        {
          id: 'r2',
          backupName: 'theirs',
          phase: 'Completed',
          outcome: 'succeeded',
          completedAt: ago(DAY),
        },
        {
          id: 'r3',
          backupName: 'mine',
          phase: 'Failed',
          outcome: 'failed',
          completedAt: ago(HOUR),
        },
      ],
      now,
    });
    expect(result.lastRestore?.id).toBe('r1');
  });

  it('says plainly when no policy applies or nothing was ever backed up', () => {
    expect(
      compliance({ policy: null, runs: [], restores: [], now }).reasons,
    ).toContain('No backup policy applies');
    const never = compliance({
      policy: databases,
      runs: [],
      restores: [],
      now,
    });
    expect(never.rpo).toBe('breached');
    expect(never.reasons).toContain('No good backup');
  });
});
