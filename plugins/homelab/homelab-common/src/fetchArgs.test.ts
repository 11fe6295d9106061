import { fetchArgsOf } from './fetchArgs';

describe('fetchArgsOf', () => {
  it('passes a plain GET as its url alone', async () => {
    expect(await fetchArgsOf(new Request('http://backend/api/x?a=1'))).toEqual([
      'http://backend/api/x?a=1',
    ]);
  });

  it('passes a write with its method, headers and body, read once', async () => {
    const request = new Request('http://backend/api/x', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const [url, init] = await fetchArgsOf(request);
    expect(url).toBe('http://backend/api/x');
    expect(init).toMatchObject({ method: 'POST', body: '{"a":1}' });
    expect(new Headers(init!.headers).get('content-type')).toBe(
      'application/json',
    );
    // what the app's fetch middleware does twice: no "already used" error
    const first = new Request(url, init);
    expect(() => new Request(first)).not.toThrow();
  });

  it('keeps the headers of a GET that has some', async () => {
    const [, init] = await fetchArgsOf(
      new Request('http://backend/api/x', { headers: { accept: 'text/csv' } }),
    );
    expect(new Headers(init!.headers).get('accept')).toBe('text/csv');
  });
});
