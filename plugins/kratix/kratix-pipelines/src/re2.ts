import type { RegExpEngine } from 'ajv/dist/types';
import { RE2JS } from 're2js';

/**
 * Ajv's regular expression engine: RE2, as the Kubernetes API server uses
 * for a CRD's `pattern`, so a value matches here exactly when it would
 * there, in linear time.
 */
export const re2RegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    return {
      test: (value: string) => compiled.test(value),
      toString: () => `re2:${pattern}`,
    };
  },
  { code: 'require("re2js").RE2JS.compile' },
);
