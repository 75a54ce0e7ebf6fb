/**
 * Path ids, on their own: MemoryAccountApi imports this without the query parameters (whose
 * helpers are calls a bundler keeps), so a page on the memory API does not grow.
 */
import type { PathParam } from './operation.js';

/** Ids in paths: the contract's `Id` (1-200 characters). */
export const idParam: PathParam = { maxLength: 200 };

/**
 * What is wrong with a path id, if anything: the server's route layer and MemoryAccountApi answer
 * it with the same 400 naming the parameter (PostgreSQL text cannot hold U+0000).
 */
export function pathIdProblem(value: string, maxLength = idParam.maxLength): { message: string; code: string } | undefined {
  if (value.length < 1 || value.length > maxLength) return { message: `expected 1-${maxLength} characters`, code: value.length ? 'too_big' : 'too_small' };
  if (value.includes('\0')) return { message: 'must not contain U+0000', code: 'invalid_format' };
  return undefined;
}
