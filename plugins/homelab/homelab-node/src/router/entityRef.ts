import { InputError } from '@backstage/errors';
import { canonicalEntityRef } from '@homelab-portal/plugin-homelab-common';

/**
 * The canonical form of an entity ref a caller sent (kind:namespace/name),
 * or a 400: names cannot hold `/` or `..`, and what is echoed back is cut
 * to 100 characters.
 *
 * @public
 */
export function parseEntityRefParam(value: unknown): string {
  const text = String(value);
  const ref = canonicalEntityRef(text);
  if (!ref) {
    throw new InputError(`"${text.slice(0, 100)}" is not an entity ref`);
  }
  return ref;
}
