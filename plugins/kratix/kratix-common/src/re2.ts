import type { Options } from 'ajv';
import { RE2JS } from 're2js';

// Ajv's engine type, which its entry point does not export by name.
type RegExpEngine = NonNullable<NonNullable<Options['code']>['regExp']>;

/**
 * Ajv's regular expression engine for Promise schemas: RE2, as the
 * Kubernetes API server uses for a CRD's `pattern`. It matches in linear
 * time, so a pattern such as `(.*.*)*!` cannot stall the event loop the way
 * V8's backtracking engine does. Pure JavaScript, so it runs in the browser
 * too. The flags Ajv passes (`u`) are RE2's behaviour already.
 */
export const re2RegExp: RegExpEngine = Object.assign(
  (pattern: string) => {
    const compiled = RE2JS.compile(pattern);
    return {
      test: (value: string) => compiled.test(value),
      // Ajv shares compiled patterns by this key: it must tell them apart.
      toString: () => `re2:${pattern}`,
    };
  },
  // Only read by Ajv's standalone code generation, which we do not use.
  { code: 'require("re2js").RE2JS.compile' },
);

/** Why RE2 refuses a pattern (lookarounds, backreferences, `\u` escapes...), or undefined. */
export function re2Refusal(pattern: string): string | undefined {
  try {
    RE2JS.compile(pattern);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
