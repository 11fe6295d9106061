import { RE2JS } from 're2js';

/**
 * An Alertmanager matcher, in the shape of its API v2 (`matcher` in
 * openapi.yaml): `isEqual: false` negates, `isRegex` makes the value an
 * anchored regular expression.
 *
 * @public
 */
export type Matcher = {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
};

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const OPS = ['=~', '!~', '!=', '='];
const CACHE_SIZE = 1000;
const regexCache = new Map<string, RE2JS>();

/**
 * The compiled form of a matcher regex, as Alertmanager builds it: Go's RE2
 * syntax, anchored as `^(?:value)$`. RE2 matches in linear time, so a
 * pattern such as `(.*.*)*!` from an annotation or a silence cannot stall
 * the event loop; what RE2 refuses (backreferences, lookaround) throws
 * `RE2JSSyntaxException`. Compiled patterns are kept in a bounded LRU.
 */
function regexFor(value: string): RE2JS {
  let regex = regexCache.get(value);
  if (regex) {
    // refresh its place: a Map iterates in insertion order
    regexCache.delete(value);
  } else {
    regex = RE2JS.compile(`^(?:${value})$`);
    if (regexCache.size >= CACHE_SIZE) {
      regexCache.delete(regexCache.keys().next().value!);
    }
  }
  regexCache.set(value, regex);
  return regex;
}

/** @public */
export class MatcherSyntaxError extends Error {
  name = 'MatcherSyntaxError';
}

/**
 * Parses a matcher list as Prometheus and Alertmanager write it:
 * `service="jellyfin", instance=~"sff-1.*"`, optionally in braces. Values
 * are double-quoted strings with Go escapes.
 *
 * @public
 */
export function parseMatchers(text: string): Matcher[] {
  let input = text.trim();
  if (input.startsWith('{') && input.endsWith('}')) {
    input = input.slice(1, -1);
  }
  const matchers: Matcher[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new MatcherSyntaxError(
      `Bad matcher at ${i + 1} of "${text}": ${why}`,
    );
  };
  const skipSpace = () => {
    while (i < input.length && /\s/.test(input[i])) i++;
  };
  skipSpace();
  while (i < input.length) {
    const nameStart = i;
    while (i < input.length && /[a-zA-Z0-9_]/.test(input[i])) i++;
    const name = input.slice(nameStart, i);
    if (!LABEL_NAME.test(name)) fail('expected a label name');
    skipSpace();
    let op: string | undefined;
    for (const candidate of OPS) {
      if (input.startsWith(candidate, i)) {
        op = candidate;
        break;
      }
    }
    if (!op) fail('expected =, !=, =~ or !~');
    i += op!.length;
    skipSpace();
    if (input[i] !== '"') fail('expected a double-quoted value');
    i++;
    let value = '';
    for (;;) {
      if (i >= input.length) fail('unterminated value');
      const c = input[i++];
      if (c === '"') break;
      if (c === '\\') {
        const next = input[i++];
        if (next === 'n') value += '\n';
        else if (next === undefined) fail('unterminated escape');
        else value += next;
      } else {
        value += c;
      }
    }
    const isRegex = op === '=~' || op === '!~';
    if (isRegex) {
      try {
        regexFor(value);
      } catch (error) {
        fail(
          `invalid regular expression, as Alertmanager's RE2 reads it (${
            (error as Error).message
          })`,
        );
      }
    }
    matchers.push({ name, value, isRegex, isEqual: op === '=' || op === '=~' });
    skipSpace();
    if (i < input.length) {
      if (input[i] !== ',') fail('expected a comma');
      i++;
      skipSpace();
    }
  }
  return matchers;
}

const OPERATORS: Record<string, string> = {
  'true:false': '=',
  'false:false': '!=',
  'true:true': '=~',
  'false:true': '!~',
};

/** Writes matchers back as text, `name="value"`. @public */
export function formatMatcher(matcher: Matcher): string {
  const op = OPERATORS[`${matcher.isEqual}:${matcher.isRegex}`];
  const escaped = matcher.value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n');
  return `${matcher.name}${op}"${escaped}"`;
}

/**
 * Whether a label set satisfies every matcher, as Alertmanager decides it
 * (regexes are anchored; a missing label is the empty string).
 *
 * @public
 */
export function matchesAll(
  labels: Record<string, string>,
  matchers: Matcher[],
): boolean {
  return matchers.every(matcher => {
    // Only the label set's own labels: `constructor` is not one of them.
    const actual = Object.hasOwn(labels, matcher.name)
      ? labels[matcher.name]
      : '';
    let found: boolean;
    if (matcher.isRegex) {
      found = regexFor(matcher.value).test(actual);
    } else {
      found = actual === matcher.value;
    }
    return found === matcher.isEqual;
  });
}

/** Matchers that pick exactly one label set, as an acknowledgement needs. @public */
export function exactMatchers(labels: Record<string, string>): Matcher[] {
  return Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}
