import { Entity } from '@backstage/catalog-model';
import { resolveTarget } from './entityTargets';

const plug = (labels: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'nas-1',
    annotations: {
      'homelab-portal.io/power-metric': 'smartplug_power_watts',
      'homelab-portal.io/power-labels': labels,
    },
  },
  spec: { type: 'nas' },
});

describe('resolveTarget', () => {
  const allowed = (metric: string) => metric === 'smartplug_power_watts';

  it('reads a smart plug from its labels', () => {
    expect(resolveTarget(plug('plug=nas'), allowed)).toEqual({
      target: {
        type: 'meter',
        metric: 'smartplug_power_watts',
        labels: { plug: 'nas' },
      },
    });
  });

  it.each(['__proto__=x', '__name__=up', 'constructor=x,__proto__=y'])(
    'refuses the reserved label name in "%s"',
    labels => {
      expect(resolveTarget(plug(labels), allowed)).toEqual({
        problem: expect.stringMatching(/is not name=value/),
      });
    },
  );
});
