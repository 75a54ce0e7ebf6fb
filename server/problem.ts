import { STATUS_CODES } from 'node:http';
import type { FieldError, Problem } from '../src/api/schemas/problem.js';

/**
 * An error that becomes an RFC 9457 problem response (`about:blank` type, our `code`). `members`
 * are the problem type's own extension members (the order that consumed a quote, a fresh quote).
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
    readonly members: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** The problem document; without `requestId` (a stored response), the sender adds its own. */
  toProblem(requestId?: string): Problem {
    return {
      ...this.members,
      type: 'about:blank',
      title: STATUS_CODES[this.status] ?? 'Error',
      status: this.status,
      detail: this.message,
      code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(requestId === undefined ? {} : { request_id: requestId }),
    };
  }
}

/** 400 naming the offending field(s). */
export function invalid(field: string, message: string, code = 'invalid'): HttpProblem {
  return new HttpProblem(400, 'validation_failed', `Invalid ${field}: ${message}`, [{ field, message, code }]);
}
