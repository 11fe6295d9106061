// Browsers ignore leading whitespace and control characters and tabs or
// newlines inside a scheme ("java\tscript:"), so strip them before looking.
function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
  return match?.[1].toLocaleLowerCase('en-US');
}

// Not `file:`: the catalog's own location annotations use it.
const DANGEROUS_SCHEMES = new Set(['javascript', 'data', 'vbscript']);

/**
 * Why a URL that the portal renders as a link is refused, or undefined when
 * it is safe: only http(s) (and mailto where `allowMailto`) may be linked.
 * @public
 */
export function unsafeUrlReason(
  url: string,
  options: { allowMailto?: boolean } = {},
): string | undefined {
  const scheme = schemeOf(url);
  if (!scheme) {
    return 'is not an absolute URL (expected http:// or https://)';
  }
  if (scheme === 'http' || scheme === 'https') return undefined;
  if (scheme === 'mailto' && options.allowMailto) return undefined;
  return `uses the "${scheme}:" scheme; only http and https links are allowed`;
}

/**
 * True when a free-text value (an annotation) carries a script-capable URL
 * scheme. Annotations are not all URLs, so only known-bad schemes are refused.
 * @public
 */
export function hasDangerousScheme(value: string): boolean {
  const scheme = schemeOf(value);
  return scheme !== undefined && DANGEROUS_SCHEMES.has(scheme);
}
