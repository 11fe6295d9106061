import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A PostgreSQL database from the Promise in the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'request',
          action: 'kratix:request',
          name: 'Request a database',
          input: {
            promiseEntityRef: 'api:default/postgresql-promise',
            name: '${{ parameters.name }}',
            namespace: 'default',
            parameters: {
              env: 'dev',
              teamId: '${{ parameters.team }}',
              dbName: '${{ parameters.name }}',
            },
          },
        },
      ],
    }),
  },
  {
    description: 'A Redis from a Promise file in the workspace',
    example: yaml.stringify({
      steps: [
        {
          id: 'request',
          action: 'kratix:request',
          input: {
            promiseFile: 'promises/redis/promise.yaml',
            name: 'cache',
            parameters: { size: 'small' },
            targetPath: 'platform/requests/cache.yaml',
          },
        },
      ],
    }),
  },
];
