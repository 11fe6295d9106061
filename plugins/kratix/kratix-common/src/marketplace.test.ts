import '@homelab-portal/test-utils/fixtures';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PromiseError, parsePromiseYaml } from './promise';
import { buildResourceRequest } from './request';

// The real Promises, read where CI has them (never modified).
const marketplace = path.resolve(
  __dirname,
  '../../../../../shared/fixtures/kratix/marketplace',
);
const promises = fs.readdirSync(marketplace).sort();
const read = (name: string, file: string) =>
  fs.readFileSync(path.join(marketplace, name, file), 'utf8');

/** True when every field of `expected` is in `actual` with the same value. */
function containsAll(actual: unknown, expected: unknown): boolean {
  if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
    return Object.entries(expected).every(([k, v]) =>
      containsAll((actual as Record<string, unknown>)?.[k], v),
    );
  }
  return JSON.stringify(actual) === JSON.stringify(expected);
}

describe('the Kratix marketplace Promises', () => {
  it('are all here', () => {
    expect(promises.length).toBeGreaterThanOrEqual(14);
  });

  const hasApi = (name: string) =>
    Boolean(parse(read(name, 'promise.yaml')).spec?.api);

  it.each(promises.filter(name => !hasApi(name)))(
    '%s offers no API and is refused with that reason',
    name => {
      expect(() => parsePromiseYaml(read(name, 'promise.yaml'))).toThrow(
        PromiseError,
      );
      expect(() => parsePromiseYaml(read(name, 'promise.yaml'))).toThrow(
        /has no spec\.api: it installs software but offers nothing to request/,
      );
    },
  );

  it.each(promises.filter(hasApi))('%s renders its example request', name => {
    const api = parsePromiseYaml(read(name, 'promise.yaml'));
    const example = parse(read(name, 'resource-request.yaml'));
    const { request } = buildResourceRequest(api, {
      name: example.metadata.name,
      namespace: example.metadata.namespace,
      parameters: example.spec ?? {},
    });
    expect(request.apiVersion).toBe(example.apiVersion);
    expect(request.kind).toBe(example.kind);
    expect(request.metadata.name).toBe(example.metadata.name);
    // Equivalent: every field of the example, plus only the schema's defaults.
    expect(containsAll(request.spec, example.spec ?? {})).toBe(true);
    const added = Object.keys(request.spec).filter(
      key => !(key in (example.spec ?? {})),
    );
    expect(
      added.filter(key => !('default' in api.specSchema.properties[key])),
    ).toEqual([]);
  });
});
