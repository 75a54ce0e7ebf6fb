/**
 * One declaration per operation of the host API. The HTTP client's methods, the lazy client's
 * delegation, the reference server's routes (authentication, capability, validation, idempotency,
 * problem+json) and all of `openapi.json` are derived from these declarations and nowhere else.
 *
 * A declaration is data: the server derives a route from it once at start-up, the client once per
 * method, the document once per build. Only types cross into the elements' first load.
 *
 * Each resource file holds two objects with the same keys: the operations (what the client, the
 * server and the document need) and their docs (the document's words: summary, description,
 * problems, parameter descriptions). The docs are a separate export so that the browser's HTTP
 * client, which imports only the operations, does not download the document's prose.
 */
import type * as z from 'zod/mini';
import type { RequestOptions, ResourceName, WriteOptions } from '../account-api.js';
import type { Capability } from '../vocabulary.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `required`: a missing Idempotency-Key is a 400 (POSTs that create). `optional`: with a key the
 * write runs once per key, without one it simply runs. `none`: reads, and writes that are
 * naturally idempotent or not worth a key (the demo token).
 */
export type Idempotency = 'required' | 'optional' | 'none';

/** A query parameter: parsed from its string by the server, typed for the client. */
export interface QueryParam<T> {
  readonly kind: 'integer' | 'string' | 'enum';
  /** The value when absent; a client leaves a parameter out when it equals the default. */
  readonly default?: T;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly values?: readonly string[];
  /** A string parameter's pattern (documented; `parse` checks it). */
  readonly pattern?: RegExp;
  /** Documented as required (the signed link's `expires` and `signature`); the server still checks. */
  readonly required?: boolean;
  /** The string's format in the document (`date`: a calendar date, `YYYY-MM-DD`). */
  readonly format?: 'date';
  /** The value, or a message for the 400 that names the parameter. */
  parse(raw: string): { ok: true; value: T } | { ok: false; message: string };
}

/** A path parameter: a string id with these bounds (the document's `schema`, the server's check). */
export interface PathParam {
  readonly maxLength: number;
}

/** An operation's own problems: per status, what it means and the `code`s it may carry. */
export type Problems = Readonly<Partial<Record<number, { readonly description: string; readonly codes?: readonly string[] }>>>;

export interface Operation {
  readonly method: HttpMethod;
  /** Relative to the API base, with `{name}` path parameters (`/invoices/{id}`). */
  readonly path: string;
  readonly pathParams?: Readonly<Record<string, PathParam>>;
  readonly query?: Readonly<Record<string, QueryParam<unknown>>>;
  /** The JSON request body (validated by the server, sent as is by the client). */
  readonly body?: z.ZodMiniType;
  /** The success status (200, 201, 204). */
  readonly status: 200 | 201 | 204;
  /** The success body's schema; null for no body (204) or a non-JSON one (`produces`). */
  readonly response: z.ZodMiniType | null;
  /** A success body that is not JSON (the PDF link): its media type, or the ones it may have (the usage export's formats). */
  readonly produces?: string | readonly string[];
  /** `bearer`: a token; `none`: public (the pricing catalog, the demo token); `signed`: the link is the credential. */
  readonly auth: 'bearer' | 'none' | 'signed';
  /** What the token's role must be allowed to do; null when any valid token may. */
  readonly capability: Capability | null;
  readonly idempotency: Idempotency;
  /** GET: the resources the response shows (the shared cache drops it when one changes). */
  readonly reads?: readonly ResourceName[];
  /** Writes: the resources a success changed (every element showing them refreshes). */
  readonly invalidates?: readonly ResourceName[];
  /** May answer 404 for an id of the path or the body that this account does not have. */
  readonly notFound?: boolean;
  /**
   * A public read that browsers and CDNs may keep (`Cache-Control: public, max-age`) and revalidate
   * with its ETag (304): the pricing catalogue of marketing pages.
   */
  readonly publicCache?: { readonly maxAge: number };
}

/** The document's words for an operation (server-side only: the browser never loads them). */
export interface OperationDocs {
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** The operation's own problem statuses, with what they mean and their `code`s. */
  readonly problems?: Problems;
  /** Descriptions of the path and query parameters, by name. */
  readonly params?: Readonly<Record<string, string>>;
}

/** One docs entry per operation of a resource file (a missing one is a type error). */
export type DocsFor<Ops> = { readonly [K in keyof Ops]: OperationDocs };

/** Declares an operation, keeping its literal types (method, path, auth, schemas) for the derived types. */
export function operation<const D extends Operation>(declaration: D): D {
  return declaration;
}

// ---- Types derived from a declaration (the AccountApi method of each operation) ----

export type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}` ? [Name, ...PathParamNames<Rest>] : [];
/** One string argument per `{name}` of the path, in order. */
type PathArgs<P extends string> = AllStrings<PathParamNames<P>>;
type AllStrings<T extends unknown[]> = { [K in keyof T]: string };

/** The client's query object: every parameter optional; null and the default are left out. */
export type ClientQuery<Q> = { [K in keyof Q]?: (Q[K] extends QueryParam<infer T> ? T : never) | null };

type IsWrite<Op extends Operation> = Op['method'] extends 'GET' ? false : true;
type OptionsOf<Op extends Operation> = IsWrite<Op> extends true ? [options: WriteOptions] : [options?: RequestOptions];
type QueryArgs<Op extends Operation> = Op extends { query: infer Q } ? [query?: ClientQuery<Q>] : [];
type BodyArgs<Op extends Operation> = Op extends { body: infer B extends z.ZodMiniType } ? [body: z.input<B>] : [];

/** The arguments of an operation's method: path ids, then the query or the body, then options. */
export type OperationArgs<Op extends Operation> = [...PathArgs<Op['path']>, ...QueryArgs<Op>, ...BodyArgs<Op>, ...OptionsOf<Op>];
/** What an operation's method resolves with: the validated success body (void without one). */
export type OperationResult<Op extends Operation> = Op extends { response: infer R extends z.ZodMiniType } ? z.output<R> : void;

/** The method an operation becomes on AccountApi. */
export type OperationMethod<Op extends Operation> = (...args: OperationArgs<Op>) => Promise<OperationResult<Op>>;

/** The number of path parameters of a declaration (the client splits its arguments with it). */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
}
