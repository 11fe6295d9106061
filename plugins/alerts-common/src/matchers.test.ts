import {
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
});
