import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ResticReader } from './ResticReader';

const run = promisify(execFile);
const RESTIC = '/usr/bin/restic';
const describeWithRestic =
  process.env.CI === 'true' || existsSync(RESTIC) ? describe : describe.skip;
const PASSWORD = 'correct horse battery staple';

describeWithRestic('ResticReader against real restic repositories', () => {
  let dir: string;
  let repository: string;
  const env = () => ({
    ...process.env,
    RESTIC_REPOSITORY: repository,
    RESTIC_PASSWORD: PASSWORD,
    RESTIC_CACHE_DIR: join(dir, 'cache'),
  });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'restic-test-'));
    repository = join(dir, 'repo');
    const data = join(dir, 'media');
    await run('mkdir', ['-p', data]);
    await writeFile(join(data, 'film.mkv'), 'not really a film');
    await run(RESTIC, ['init'], { env: env() });
    await run(RESTIC, ['backup', data, '--tag', 'jellyfin', '--host', 'nas'], {
      env: env(),
    });
    await writeFile(join(data, 'series.mkv'), 'episode 1');
    await run(
      RESTIC,
      ['backup', data, '--tag', 'jellyfin', '--tag', 'media', '--host', 'nas'],
      { env: env() },
    );
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('lists real snapshots as good backup runs, with hosts, paths and tags', async () => {
    const { snapshots, runs } = await new ResticReader().snapshots({
      name: 'nas-media',
      repository,
      password: PASSWORD,
    });
    expect(snapshots).toHaveLength(2);
    expect(snapshots.map(s => s.tags)).toEqual([
      ['jellyfin'],
      ['jellyfin', 'media'],
    ]);
    expect(snapshots[0].hostname).toBe('nas');
    expect(snapshots[0].paths).toEqual([join(dir, 'media')]);
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({
      tool: 'restic',
      origin: 'nas-media',
      outcome: 'succeeded',
      ttlSeconds: null,
    });
    expect(Date.parse(runs[1].completedAt!)).toBeGreaterThan(
      Date.now() - 120_000,
    );
    expect(runs[0].id).toMatch(/^[0-9a-f]{8}$/);
  });

  it('says why a repository cannot be read, and never shows the password', async () => {
    const wrong = await new ResticReader()
      .snapshots({
        name: 'nas-media',
        repository,
        password: 'not-the-password',
      })
      .catch(e => e);
    expect(wrong.message).toMatch(
      /restic cannot list repository nas-media: .*(wrong password|no key found)/i,
    );
    expect(wrong.message).not.toContain('not-the-password');
    const missing = await new ResticReader()
      .snapshots({
        name: 'gone',
        repository: join(dir, 'nope'),
        password: PASSWORD,
      })
      .catch(e => e);
    expect(missing.message).toMatch(
      /restic cannot list repository gone: .*(does not exist|unable to open)/i,
    );
    expect(missing.message).not.toContain(PASSWORD);
  });
});
