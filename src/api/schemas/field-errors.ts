import type * as z from 'zod/mini';
import type { FieldError } from './problem.js';

/**
 * A zod error as the field errors of a 400 problem: each names its field by its dotted path under
 * `prefix` (`amount.currency`); unknown keys get one error each (joined into one field, a key such
 * as ", " made the name ambiguous). The server and MemoryAccountApi both answer with these.
 */
export function fieldErrorsOf(error: z.core.$ZodError, prefix = ''): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: [prefix, ...issue.path.map(String), key].filter(Boolean).join('.'), message: issue.message, code: issue.code }));
    }
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || prefix || 'body';
    return [{ field, message: issue.message, code: issue.code }];
  });
}
