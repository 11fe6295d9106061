import { Entity } from '@backstage/catalog-model';
import { ingressNames, requestNames } from './DnsService';

const entity = (name: string, id?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: id ? { 'backstage.io/kubernetes-id': id } : {},
  },
  spec: {},
});

describe('names from Ingresses and exposed-service requests', () => {
  const entities = [entity('jellyfin', 'jellyfin'), entity('kiwix')];

  it('takes each lab host of an Ingress, with the entity its kubernetes-id names', () => {
    expect(
      ingressNames(
        [
          {
            metadata: {
              name: 'jf',
              namespace: 'media',
              labels: { 'backstage.io/kubernetes-id': 'jellyfin' },
            },
            spec: {
              rules: [
                { host: 'Jellyfin.lab.local' },
                { host: 'jellyfin.example.org' },
                { host: 42 },
              ],
            },
          },
          {
            metadata: { name: 'x', namespace: 'y' },
            spec: { rules: [{ host: 'x.lab.local' }] },
          },
          null,
          'not an object',
          { spec: { rules: 'nope' } },
        ],
        entities,
        'homelab',
      ),
    ).toEqual([
      {
        name: 'jellyfin.lab.local',
        entityRef: 'component:default/jellyfin',
        via: 'ingress',
      },
      { name: 'x.lab.local', entityRef: 'ingress homelab/y/x', via: 'ingress' },
    ]);
  });

  it('takes open exposed-service requests’ hostnames, not closed or failed ones, nor other promises', () => {
    expect(
      requestNames(
        [
          {
            promise: 'exposed-service',
            state: 'ready',
            name: 'jf',
            namespace: 'media',
            parameters: { hostname: 'tv.lab.local', serviceName: 'jellyfin' },
          },
          {
            promise: 'exposed-service',
            state: 'pr-open',
            name: 'w',
            parameters: { hostname: 'wiki.lab.local', serviceName: 'wiki' },
          },
          {
            promise: 'exposed-service',
            state: 'closed',
            name: 'c',
            parameters: { hostname: 'old.lab.local' },
          },
          {
            promise: 'exposed-service',
            state: 'failed',
            name: 'f',
            parameters: { hostname: 'bad.lab.local' },
          },
          {
            promise: 'postgresql',
            state: 'ready',
            name: 'db',
            parameters: { hostname: 'db.lab.local' },
          },
          {
            promise: 'exposed-service',
            state: 'ready',
            name: 'o',
            parameters: { hostname: 'example.org' },
          },
        ],
        entities,
      ),
    ).toEqual([
      {
        name: 'tv.lab.local',
        entityRef: 'component:default/jellyfin',
        via: 'promise',
      },
      {
        name: 'wiki.lab.local',
        entityRef: 'request default/w',
        via: 'promise',
      },
    ]);
  });
});
