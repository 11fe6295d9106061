import { InputError } from '@backstage/errors';
import { z } from 'zod';

/**
 * A request's body, query or path parameter checked with a zod schema, or a
 * 400 that names each field and what is wrong with it, as in
 * `Invalid body: comment Too small; matchers Required`. A missing value is
 * checked as `{}`. For what the OpenAPI spec cannot say (unknown keys of a
 * body, a trimmed comment, a cross-field rule), after the generated router
 * has validated the request against the spec.
 *
 * @public
 */
export function parseInput<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string,
): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    throw new InputError(
      `Invalid ${what}: ${result.error.issues
        .map(i => `${i.path.join('.') || '(root)'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}
