import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PromiseError, parsePromiseYaml } from './promise';
import { buildResourceRequest } from './request';

// The real Promises, read where CI has them (never modified).
const marketplace = path.resolve(
  __dirname,
  '../../../../shared/fixtures/kratix/marketplace',
);
const promises = fs.readdirSync(marketplace).sort();

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

  it.each(promises)(
    '%s renders its example request, or is refused with a reason',
    name => {
      const promiseYaml = fs.readFileSync(
        path.join(marketplace, name, 'promise.yaml'),
        'utf8',
      );
      const example = parse(
        fs.readFileSync(
          path.join(marketplace, name, 'resource-request.yaml'),
          'utf8',
        ),
      );
      let api;
      try {
        api = parsePromiseYaml(promiseYaml);
      } catch (error) {
        // Refused: it must say why, and only Promises without an API may be.
        expect(error).toBeInstanceOf(PromiseError);
        expect((error as Error).message).toMatch(/has no spec\.api/);
        expect(parse(promiseYaml).spec.api).toBeUndefined();
        return;
      }

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
      for (const key of Object.keys(request.spec)) {
        if (!(key in (example.spec ?? {}))) {
          expect(api.specSchema.properties[key]).toHaveProperty('default');
        }
      }
    },
  );
});
