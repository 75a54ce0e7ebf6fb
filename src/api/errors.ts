import type { FieldError, Problem } from './schemas/problem.js';

/**
 * The few kinds of failure an element needs to tell apart. Each maps to one message and one
 * recovery (retry, sign in again, fix the form, wait).
 */
export type ApiErrorKind =
  | 'network'
  | 'timeout'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'validation'
  | 'declined'
  | 'conflict'
  | 'rate-limited'
  | 'server'
  | 'invalid-response'
  | 'aborted'
  | 'config';

export interface ApiErrorInit {
  status?: number;
  problem?: Problem;
  /** For `invalid-response`: the JSON path of the first bad value, e.g. `data[3].total.amount`. */
  path?: string;
  requestId?: string;
  retryAfterMs?: number;
  cause?: unknown;
}

/** Every failure that leaves the API layer is an ApiError; elements switch on `kind`. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly problem?: Problem;
  readonly path?: string;
  readonly requestId?: string;
  readonly retryAfterMs?: number;

  constructor(kind: ApiErrorKind, message: string, init: ApiErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = kind;
    this.status = init.status;
    this.problem = init.problem;
    this.path = init.path;
    this.requestId = init.requestId ?? init.problem?.request_id;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** Field errors from a 422/400 problem document, for mapping onto form fields. */
  get fieldErrors(): FieldError[] {
    return this.problem?.errors ?? [];
  }

  /** Whether repeating the same request later may succeed (drives the Retry button). */
  get retryable(): boolean {
    return ['network', 'timeout', 'rate-limited', 'server', 'invalid-response'].includes(this.kind);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Any failure as an ApiError: a custom AccountApi may throw anything; unknown errors are bad data. */
export function toApiError(error: unknown): ApiError {
  return isApiError(error) ? error : new ApiError('invalid-response', String(error), { cause: error });
}

/** The caller aborted (element removed, newer request): not a failure to show. */
export function isAbortError(error: unknown): boolean {
  return isApiError(error) && error.kind === 'aborted';
}

/** Maps an HTTP status to its error kind. */
export function kindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 408) return 'timeout';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status === 402) return 'declined';
  if (status === 400 || status === 422) return 'validation';
  if (status >= 500) return 'server';
  return 'invalid-response';
}
