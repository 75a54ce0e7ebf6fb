/**
 * `account-elements/api/http.js`: the HTTP client and the contract's zod/mini schemas, for hosts
 * that call the API themselves (a server-side check, a custom element of their own, a test).
 * Kept out of the root entry and `all.js`: ky 1 and zod are about 15 kB gzip, and an element with
 * `api-base` loads them only when it makes its first request (LazyHttpAccountApi).
 */
export {
  HttpAccountApi,
  type HttpAccountApiOptions,
  type HttpRequest,
  type HttpRetryOptions,
  type ResponseSchema,
  type TokenSource,
} from './http-api.js';

// The operation declarations the client and the reference server are derived from
export { accountApiOperations } from './operations/index.js';
export { linkOperations } from './operations/links.js';
export { contractDocs, contractOperations } from './operations/contract.js';
export type { AccountApiMethods, AccountApiOperationId, AccountApiOperations, Operation, OperationArgs, OperationResult } from './operations/index.js';

// The contract: zod/mini schemas and the types inferred from them
export * from './schemas/index.js';
