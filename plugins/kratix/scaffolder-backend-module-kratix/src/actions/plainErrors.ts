import { isError } from '@backstage/errors';

// Errors that say what is wrong and what to do: the reader needs no stack.
const PLAIN = new Set([
  'InputError',
  'ConflictError',
  'NotFoundError',
  'NotAllowedError',
  'ResponseError',
]);

/**
 * Runs `fn`, and lets an error the user can act on (bad input, a conflict,
 * something missing, a refusal) reach the task log as one line, its name and
 * message: the scaffolder prints an error's stack there, which is noise to
 * the person who ran the template.
 */
export async function withPlainErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (isError(error) && PLAIN.has(error.name)) {
      error.stack = `${error.name}: ${error.message}`;
    }
    throw error;
  }
}
