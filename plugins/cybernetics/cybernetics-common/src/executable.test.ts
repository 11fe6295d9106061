import { decisionExecutability } from './executable';
import type { Decision } from './types';

const change: Decision['action'] = {
  type: 'gitops-change',
  title: 'Shorten Loki retention to 72h',
  file: 'platform/loki/values.yaml',
  before: 'a',
  after: 'b',
  diff: '-a\n+b',
};
const silence: Decision['action'] = {
  type: 'silence',
  title: 'Silence for 24 hours',
  alertmanager: 'demo',
  matchers: [],
  durationMinutes: 1440,
};

describe('decisionExecutability', () => {
  it('lets a proposed silence be carried out with or without a GitOps repository', () => {
    for (const gitops of [true, false]) {
      expect(
        decisionExecutability(
          { state: 'proposed', action: silence },
          { gitops },
        ),
      ).toEqual({ executable: true });
    }
  });

  it('lets a proposed change be carried out where a GitOps repository is configured', () => {
    expect(
      decisionExecutability(
        { state: 'proposed', action: change },
        { gitops: true },
      ),
    ).toEqual({ executable: true });
  });

  it.each(['gitops-change', 'kratix-request', 'chaos-experiment'] as const)(
    'says a proposed %s cannot be carried out without a GitOps repository, and what to do instead',
    type => {
      const action = {
        ...change,
        type,
        manifest: 'kind: X',
      } as Decision['action'];
      const result = decisionExecutability(
        { state: 'proposed', action },
        { gitops: false },
      );
      expect(result).toEqual({
        executable: false,
        reason: expect.stringContaining('cybernetics.gitops'),
        instead: expect.stringContaining(
          'apply its diff to platform/loki/values.yaml',
        ),
      });
    },
  );

  it('says a decision with no action is for a person to look at', () => {
    const result = decisionExecutability(
      { state: 'proposed', action: { type: 'none', title: 'Observe' } },
      { gitops: true },
    );
    expect(result).toMatchObject({
      executable: false,
      reason: expect.stringContaining('proposes no action'),
      instead: expect.stringContaining('fix the cause by hand'),
    });
  });

  it.each([
    'observed',
    'approved',
    'executing',
    'executed',
    'verified',
    'rejected',
    'failed',
  ] as const)('does not carry out a decision that is %s', state => {
    expect(
      decisionExecutability({ state, action: silence }, { gitops: true }),
    ).toMatchObject({
      executable: false,
      reason: `Only a proposed decision can be approved; this one is ${state}.`,
    });
  });
});
