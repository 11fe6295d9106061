import { Entity } from '@backstage/catalog-model';
import { filesystemLabels, resolveTarget } from './entityTargets';

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

describe('filesystemLabels', () => {
  const device = (labels?: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name: 'nas-1',
      annotations:
        labels === undefined
          ? {}
          : { 'homelab-portal.io/filesystem-labels': labels },
    },
    spec: { type: 'nas' },
  });

  it('reads name=value pairs', () => {
    expect(filesystemLabels(device('node=nas, instance=nas:9100'))).toEqual({
      labels: { node: 'nas', instance: 'nas:9100' },
    });
  });

  it('is nothing without the annotation', () => {
    expect(filesystemLabels(device())).toEqual({});
  });

  it.each(['__name__=up', 'node', '=nas', 'no de=nas', ' , '])(
    'refuses "%s" with a reason, and reads nothing',
    labels => {
      expect(filesystemLabels(device(labels))).toEqual({
        problem: expect.stringMatching(
          /homelab-portal.io\/filesystem-labels .*(is not name=value|names no label)/,
        ),
      });
    },
  );
});
