import { escapeLabelValue, escapeRegex, selector } from './promql';

const allowed = new Set(['kepler_pod_cpu_joules_total']);

describe('promql', () => {
  it('escapes label values so they cannot leave their string', () => {
    const hostile = 'x"} or vector(1) or {__name__=~".+';
    const built = selector(
      'kepler_pod_cpu_joules_total',
      [{ name: 'pod_namespace', op: '=', value: hostile }],
      allowed,
    );
    expect(built).toBe(
      'kepler_pod_cpu_joules_total{pod_namespace="x\\"} or vector(1) or {__name__=~\\".+"}',
    );
    expect(escapeLabelValue('a\\"\nb')).toBe('a\\\\\\"\\nb');
  });

  it('escapes regex metacharacters for literal prefix matches', () => {
    expect(escapeRegex('a.b*(c)|d')).toBe('a\\.b\\*\\(c\\)\\|d');
  });

  it('builds metric names only from the allow-list', () => {
    expect(() => selector('up', [], allowed)).toThrow(
      /not in the energy allow-list/,
    );
    expect(() => selector('up{x="1"} or vector(1)', [], allowed)).toThrow(
      /not in the energy allow-list/,
    );
    expect(() =>
      selector(
        'kepler_pod_cpu_joules_total',
        [{ name: 'a"b', op: '=', value: '' }],
        allowed,
      ),
    ).toThrow(/not a valid label name/);
  });
});
