import { Kind } from './kinds';

/**
 * The field selectors the API server supports for the kinds read here
 * (metadata.name and metadata.namespace everywhere; spec.nodeName and
 * status.phase on Pods), with = , == and !=; any other field is refused, as
 * the API server refuses it (400).
 */
export function fieldSelectorFilter(
  kind: Kind,
  selector: string | null,
): ((object: any) => boolean) | string {
  const fields: Record<string, (o: any) => string | undefined> = {
    'metadata.name': o => o.metadata?.name,
    'metadata.namespace': o => o.metadata?.namespace,
    ...(kind.kind === 'Pod' && !kind.group
      ? {
          'spec.nodeName': o => o.spec?.nodeName ?? '',
          'status.phase': o => o.status?.phase ?? '',
        }
      : {}),
  };
  const terms: Array<(object: any) => boolean> = [];
  for (const term of (selector ?? '').split(',').filter(Boolean)) {
    const m = /^\s*([^!=\s]+)\s*(!=|==|=)\s*(.*?)\s*$/.exec(term);
    const read = m && fields[m[1]];
    if (!m || !read) {
      return `field label not supported: ${m?.[1] ?? term}`;
    }
    const [, , op, value] = m;
    terms.push(o => (op === '!=' ? read(o) !== value : read(o) === value));
  }
  return object => terms.every(t => t(object));
}

/** Whether labels match a label selector's equality, inequality and existence terms. */
export function matchesSelector(
  labels: Record<string, string> = {},
  selector: string | null,
): boolean {
  return (selector ?? '')
    .split(',')
    .filter(Boolean)
    .every(term => {
      const m = /^\s*(!?)([^!=\s]+)\s*(?:(!=|==|=)\s*(.*?))?\s*$/.exec(term);
      if (!m) return false;
      const [, not, key, op, value] = m;
      if (!op) return not ? !(key in labels) : key in labels;
      return op === '!=' ? labels[key] !== value : labels[key] === value;
    });
}
