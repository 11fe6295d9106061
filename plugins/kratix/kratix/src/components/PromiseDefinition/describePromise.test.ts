import fs from 'node:fs';
import path from 'node:path';
import { PromiseError } from '@homelab-portal/plugin-kratix-common';
import { describePromise } from './describePromise';

const repo = path.resolve(__dirname, '../../../../../..');
// The real Kratix marketplace Promises (read only), beside the repository.
const marketplace = path.resolve(repo, '../shared/fixtures/kratix/marketplace');
if (!fs.existsSync(marketplace)) {
  throw new Error(
    `fixtures missing: ${marketplace} (the tests need /work/shared/fixtures, see README)`,
  );
}
const read = (file: string) => fs.readFileSync(file, 'utf8');

describe('describePromise', () => {
  it("reads the homelab's postgresql Promise: what it offers, its fields with types, defaults and limits, its pipeline", () => {
    const promise = describePromise(
      read(path.join(repo, 'promises/postgresql/promise.yaml')),
    );
    expect(promise).toMatchObject({
      name: 'postgresql',
      version: 'v0.2.0',
      description: expect.stringMatching(/^A PostgreSQL database/),
      api: {
        kind: 'PostgreSQL',
        group: 'platform.lab.local',
        version: 'v1alpha1',
        namespaced: true,
      },
      destinations: ['environment=homelab'],
      requiredPromises: [],
      dependencies: 0,
    });
    expect(
      promise.fields.map(f => [f.path, f.type, f.default, f.required]),
    ).toEqual([
      ['databaseName', 'text', undefined, true],
      ['ownerRole', 'text', undefined, true],
      ['version', 'one of 15, 16, 17', '17', false],
      ['storageGi', 'integer', '5', false],
      ['backup', 'object', '{}', false],
      ['backup.enabled', 'yes or no', 'true', false],
      ['backup.schedule', 'text', '0 * * * *', false],
      ['backup.retentionDays', 'integer', '3', false],
    ]);
    expect(promise.fields[0]).toMatchObject({
      description: 'Name of the database to create',
      limits: ['at most 63 characters'],
      pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$',
    });
    expect(promise.fields[3].limits).toEqual(['1 to 200']);
    expect(promise.pipelines).toEqual([
      {
        when: 'On each request, when it is created or updated',
        name: 'instance-configure',
        containers: [
          {
            name: 'postgresql-configure',
            image: expect.stringMatching(/postgresql-pipeline:v0\.2\.0$/),
          },
        ],
      },
    ]);
  });

  it("reads a marketplace Promise's irregular regex key, the Promises it needs and a pipeline of two containers", () => {
    const promise = describePromise(
      read(path.join(marketplace, 'app-as-a-service/promise.yaml')),
    );
    expect(promise.requiredPromises).toEqual([
      'postgresql (v1.0.0-beta.3)',
      'nginx-ingress (v1.0.0-beta.2)',
    ]);
    expect(promise.fields.find(f => f.path === 'name')?.pattern).toMatch(
      /^\^\(\?!/,
    );
    expect(promise.fields.find(f => f.path === 'service.port')).toMatchObject({
      type: 'integer',
      default: '8080',
    });
    expect(promise.pipelines[0].containers.map(c => c.name)).toEqual([
      'create-resources',
      'database-configure',
    ]);
  });

  it('says why a Promise that installs software offers nothing to request, and still lists its pipeline', () => {
    const promise = describePromise(
      read(path.join(marketplace, 'cert-manager/promise.yaml')),
    );
    expect(promise.api).toBeUndefined();
    expect(promise.apiProblem).toMatch(/offers nothing to request/);
    expect(promise.fields).toEqual([]);
    expect(promise.pipelines).toEqual([
      expect.objectContaining({
        when: 'When the Promise is installed or updated',
        name: 'promise-configure',
      }),
    ]);
  });

  it('reads every marketplace Promise', () => {
    for (const name of fs.readdirSync(marketplace)) {
      const promise = describePromise(
        read(path.join(marketplace, name, 'promise.yaml')),
      );
      expect(promise.api || promise.apiProblem).toBeTruthy();
    }
  });

  it('refuses text that holds no Promise, and broken YAML, with a PromiseError', () => {
    expect(() => describePromise('kind: ConfigMap\napiVersion: v1\n')).toThrow(
      PromiseError,
    );
    expect(() => describePromise('kind: [Promise')).toThrow(/^YAML: /);
  });
});
