import {
  MatcherSyntaxError,
  exactMatchers,
  formatMatcher,
  matchesAll,
  parseMatchers,
} from './matchers';

describe('matchers', () => {
  it('parses Prometheus selector syntax, with braces, spaces and escapes', () => {
    expect(
      parseMatchers(
        '{service="jellyfin", instance=~"sff-1.*" ,job!="x", a!~"b|c"}',
      ),
    ).toEqual([
      { name: 'service', value: 'jellyfin', isRegex: false, isEqual: true },
      { name: 'instance', value: 'sff-1.*', isRegex: true, isEqual: true },
      { name: 'job', value: 'x', isRegex: false, isEqual: false },
      { name: 'a', value: 'b|c', isRegex: true, isEqual: false },
    ]);
    expect(parseMatchers('x="a\\"b,c"')).toEqual([
      { name: 'x', value: 'a"b,c', isRegex: false, isEqual: true },
    ]);
  });

  it('refuses what is not a matcher, saying where', () => {
    expect(() => parseMatchers('service=jellyfin')).toThrow(
      /double-quoted value/,
    );
    expect(() => parseMatchers('9x="a"')).toThrow(/label name/);
    expect(() => parseMatchers('x="a" y="b"')).toThrow(/comma/);
    expect(() => parseMatchers('x=~"(("')).toThrow(
      /invalid regular expression/,
    );
    expect(() => parseMatchers('x="open')).toThrow(/unterminated/);
    expect(() => parseMatchers('x<"a"')).toThrow(/expected =/);
  });

  it('matches as Alertmanager does: anchored regexes, missing labels are empty', () => {
    const labels = { service: 'jellyfin', instance: 'sff-1:9100' };
    expect(
      matchesAll(labels, parseMatchers('instance=~"sff-1(:[0-9]+)?"')),
    ).toBe(true);
    expect(matchesAll(labels, parseMatchers('instance=~"sff-1"'))).toBe(false);
    expect(matchesAll(labels, parseMatchers('service!="kiwix", team=""'))).toBe(
      true,
    );
    expect(matchesAll(labels, parseMatchers('service!~"jelly.*"'))).toBe(false);
  });

  it("reads only the label set's own labels, never Object's", () => {
    const labels = { service: 'jellyfin' };
    // A missing label is the empty string, even when Object has that name.
    expect(
      matchesAll(labels, parseMatchers('constructor="", toString=""')),
    ).toBe(true);
    expect(matchesAll(labels, parseMatchers('constructor=~".+"'))).toBe(false);
    expect(matchesAll(labels, parseMatchers('__proto__=~".+"'))).toBe(false);
  });

  it('round-trips through text, and pins one label set exactly', () => {
    const text = 'a="x\\"y", b=~"c.*", c!="d", d!~"e"';
    expect(
      parseMatchers(parseMatchers(text).map(formatMatcher).join(',')),
    ).toEqual(parseMatchers(text));
    expect(exactMatchers({ b: '2', a: '1' })).toEqual([
      { name: 'a', value: '1', isRegex: false, isEqual: true },
      { name: 'b', value: '2', isRegex: false, isEqual: true },
    ]);
  });

  it('matches with RE2: catastrophic patterns answer on long non-matching labels', () => {
    const long = 'x'.repeat(50_000);
    const cases: Array<[string, string, boolean]> = [
      ['((.*)*)*!', long, false],
      ['(.*.*)*!', long, false],
      ['((a+)+)+$', `${'a'.repeat(50_000)}b`, false],
      ['(a|a)*$', `${'a'.repeat(50_000)}b`, false],
      ['(.*.*)*!', `${long}!`, true],
    ];
    for (const [pattern, value, expected] of cases) {
      const matchers = parseMatchers(`x=~"${pattern.replace(/\\/g, '\\\\')}"`);
      expect({ pattern, found: matchesAll({ x: value }, matchers) }).toEqual({
        pattern,
        found: expected,
      });
    }
  });

  it('reads regexes as Go RE2 does, refusing what RE2 cannot run', () => {
    // Go's syntax: named groups either way, \pL, POSIX classes, \Q...\E
    const match = (pattern: string, value: string) =>
      matchesAll({ x: value }, [
        { name: 'x', value: pattern, isRegex: true, isEqual: true },
      ]);
    expect(match('(?P<n>sff)-[0-9]+', 'sff-1')).toBe(true);
    expect(match('\\pL+', 'héllo')).toBe(true);
    expect(match('[[:alpha:]]+', 'abc')).toBe(true);
    expect(match('\\Q.*\\E', '.*')).toBe(true);
    expect(match('\\Q.*\\E', 'anything')).toBe(false);
    // \d is ASCII only, as in Go
    expect(match('\\d+', '١٢')).toBe(false);
    // no (?s): the dot does not match a newline, and $ is the very end
    expect(match('a.c', 'a\nc')).toBe(false);
    expect(match('a', 'a\n')).toBe(false);
    for (const pattern of [
      '(a)\\1',
      '(?=a)a',
      '(?!a)b',
      '(?<=a)b',
      'a{1001}',
      'x**',
    ]) {
      expect(() => parseMatchers(`x=~${JSON.stringify(pattern)}`)).toThrow(
        MatcherSyntaxError,
      );
    }
    expect(() => parseMatchers('x=~"(a)\\\\1"')).toThrow(
      /invalid regular expression.*invalid escape sequence/,
    );
    expect(() => parseMatchers('x=~"(?=a)a"')).toThrow(
      /invalid regular expression.*unsupported Perl syntax/,
    );
  });
});
