/// <reference types="node" />
/**
 * The OpenAPI 3.1 document of the host API, derived from the operation declarations
 * (`src/api/operations/`, plus the demo token) and the zod schemas the browser validates with, so
 * the document, the server and the elements cannot drift apart. Every status a route can answer is
 * listed: its own (the declaration's `problems`) and the generic ones its declaration implies
 * (a body: 413 and 415; a bearer token: 401; a capability: 403; an idempotency key: 409 and 422).
 * `scripts/openapi.ts` writes it to the committed `openapi.json`; the server serves it.
 */
import * as z from 'zod/mini';
import type { Operation, OperationDocs, QueryParam } from '../src/api/operations/index.js';
import * as addonSchemas from '../src/api/schemas/addon.js';
import * as addressSchemas from '../src/api/schemas/address.js';
import * as creditSchemas from '../src/api/schemas/credit.js';
import * as schemas from '../src/api/schemas/index.js';
import * as usageSchemas from '../src/api/schemas/usage.js';
import * as userSchemas from '../src/api/schemas/user.js';

/** The contract's schemas: every export of src/api/schemas/ (the add-ons', credits', usage's, users' and addresses' are not in its index: src/index.ts says why). */
const contract = { ...schemas, ...addonSchemas, ...creditSchemas, ...usageSchemas, ...userSchemas, ...addressSchemas };
import { PAYMENT_PROBLEM_CODES } from '../src/api/vocabulary.js';
import { LICENSE_PROBLEM_CODES } from '../src/api/licensing-vocabulary.js';
import { ADDON_PROBLEM_CODES } from '../src/api/addon-vocabulary.js';
import { USER_PROBLEM_CODES } from '../src/api/user-vocabulary.js';
import { ADDRESS_PROBLEM_CODES } from '../src/api/address-vocabulary.js';
import { DemoTokenRequest, DemoTokenResponse } from './handlers/demo.js';
import { serverDocs, serverOperations } from './handlers/index.js';
import { MAX_BODY_BYTES } from './http.js';

export { DemoTokenRequest, DemoTokenResponse };

/** Every zod schema the contract exports is a component, `#/components/schemas/<export name>`. */
const COMPONENT_SCHEMAS: Record<string, z.core.$ZodType> = {
  ...Object.fromEntries(Object.entries(contract as Record<string, unknown>).filter((entry): entry is [string, z.core.$ZodType] => isZodSchema(entry[1]))),
  DemoTokenRequest,
  DemoTokenResponse,
};
const COMPONENT_NAMES = new Map(Object.entries(COMPONENT_SCHEMAS).map(([name, schema]) => [schema, name]));

function isZodSchema(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

/** A reference to the component of a declared schema; a body or response schema must be a named export. */
function schemaRef(schema: z.core.$ZodType, where: string) {
  const name = COMPONENT_NAMES.get(schema);
  if (!name) throw new Error(`openapi: the schema of ${where} is not exported from src/api/schemas/ (it must be a named component)`);
  return ref(name);
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

type JsonObject = { [key: string]: unknown };

/**
 * zod emits standalone JSON Schema documents; inside an OpenAPI 3.1 document a component must not
 * restate `$schema`/`$id`, and the ±(2^53-1) bounds zod writes for every `z.int()` are noise (and
 * exceed what some generators accept), so they become `format: int64`.
 */
function toOpenApiSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApiSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key === '$schema' || key === '$id') continue;
    out[key] = key === 'pattern' && typeof value === 'string' ? asciiDigits(value) : toOpenApiSchema(value);
  }
  if (out.type === 'integer' && (out.minimum === Number.MIN_SAFE_INTEGER || out.maximum === Number.MAX_SAFE_INTEGER)) {
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
    out.format = 'int64';
  }
  return out;
}

/**
 * `\\d` is any Unicode digit in some regex engines (Python's `re`, .NET): the contract means ASCII,
 * so the document says `[0-9]` (inside a character class, `0-9`).
 */
function asciiDigits(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '\\') {
      const next = pattern[++i];
      out += next === 'd' ? (inClass ? '0-9' : '[0-9]') : `\\${next}`;
      continue;
    }
    if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    out += char;
  }
  return out;
}

/** What a pattern and a check in code say, for the document's readers and generators. */
const FORMATS: Record<string, string> = { CalendarDate: 'date', Timestamp: 'date-time' };

/**
 * What a check in code says that the generated schema cannot: the two shapes of an order's payment
 * and the values of a plan's features (the schemas check them with a refinement, not a union, so the
 * browser's HTTP client carries no union code).
 */
const PRECISE: Record<string, (schema: JsonObject) => JsonObject> = {
  OrderPayment: () => ({
    oneOf: [
      { type: 'object', properties: { type: { type: 'string', const: 'payment_method' }, payment_method_id: { $ref: '#/components/schemas/Id' } }, required: ['type', 'payment_method_id'], additionalProperties: false },
      { type: 'object', properties: { type: { type: 'string', const: 'invoice' } }, required: ['type'], additionalProperties: false },
    ],
  }),
  // A checked loose object in zod (see schemas/usage.ts); in the document, what the check allows.
  UsageFields: () => ({
    type: 'object',
    propertyNames: { $ref: '#/components/schemas/UsageColumnKey' },
    additionalProperties: { type: ['string', 'number', 'null'] },
  }),
  Plan: (schema) => {
    const properties = schema.properties as Record<string, JsonObject>;
    return { ...schema, properties: { ...properties, features: { type: 'object', additionalProperties: { type: ['boolean', 'string'] } } } };
  },
};

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENT_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, unknown> = {};
  for (const id of Object.keys(COMPONENT_SCHEMAS)) {
    out[id] = toOpenApiSchema(schemas[id]);
    if (FORMATS[id]) out[id] = { ...(out[id] as JsonObject), format: FORMATS[id] };
    if (PRECISE[id]) out[id] = PRECISE[id](out[id] as JsonObject);
  }
  return out;
}

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });
const REQUEST_ID = { 'Request-Id': headerRef('RequestId') };
const RETRY_AFTER = { 'Retry-After': headerRef('RetryAfter') };

/** The generic problems, each with what it means and its `code`s; an operation's own codes join them. */
const GENERIC_PROBLEMS: Record<number, { name: string; description: string; codes: string[]; headers?: object }> = {
  400: { name: 'BadRequest', description: 'The request is malformed: bad JSON, wrong types, unknown fields or query parameters, a tampered cursor. `errors` names the fields.', codes: ['validation_failed', 'invalid_json'] },
  401: { name: 'Unauthorized', description: 'No token, or the token is invalid or expired (`WWW-Authenticate` says which).', codes: ['unauthorized'] },
  403: { name: 'Forbidden', description: 'The token\'s role lacks the capability this needs.', codes: ['forbidden'] },
  404: { name: 'NotFound', description: 'No such resource in this account (another account\'s ids answer 404 too).', codes: ['not_found'] },
  409: { name: 'IdempotencyInProgress', description: 'A request with the same `Idempotency-Key` is still being processed; retry after `Retry-After`.', codes: ['idempotency_key_in_use'], headers: RETRY_AFTER },
  413: { name: 'PayloadTooLarge', description: `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`, codes: ['payload_too_large'] },
  415: { name: 'UnsupportedMediaType', description: 'The body is not `application/json`.', codes: ['unsupported_media_type'] },
  422: { name: 'IdempotencyKeyReused', description: 'The `Idempotency-Key` was already used with a different request body.', codes: ['idempotency_key_reused'] },
  429: { name: 'TooManyRequests', description: 'Rate limited; retry after `Retry-After`.', codes: ['rate_limited'], headers: RETRY_AFTER },
  500: { name: 'ServerError', description: 'A fault in the server; it is logged under the `Request-Id`.', codes: ['internal_error'] },
  503: { name: 'ServiceUnavailable', description: 'Temporarily unavailable; retry after `Retry-After`.', codes: ['service_unavailable'], headers: RETRY_AFTER },
};

function problemResponse(description: string, codes: readonly string[], headers: object = {}) {
  const listed = codes.length ? ` \`code\`: ${codes.map((code) => `\`${code}\``).join(', ')}.` : '';
  return {
    description: `${description}${listed}`,
    headers: { ...REQUEST_ID, ...headers },
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

function queryParamSchema(param: QueryParam<unknown>): Record<string, unknown> {
  const schema: Record<string, unknown> =
    param.kind === 'integer'
      ? { type: 'integer', minimum: param.minimum, maximum: param.maximum }
      : param.kind === 'enum'
        ? { type: 'string', enum: [...(param.values ?? [])] }
        : {
            type: 'string',
            minLength: param.minLength,
            maxLength: param.maxLength,
            ...(param.format ? { format: param.format } : param.pattern ? { pattern: param.pattern.source } : {}),
          };
  if (param.default !== undefined) schema.default = param.default;
  return schema;
}

/** The generic statuses an operation's declaration implies (its own come from its docs). */
function impliedStatuses(op: Operation): Set<number> {
  const statuses = new Set([400, 429, 500, 503]);
  if (op.auth === 'bearer') statuses.add(401);
  if (op.capability) statuses.add(403);
  if (op.notFound) statuses.add(404);
  if (op.body) statuses.add(413).add(415);
  if (op.idempotency !== 'none') statuses.add(409).add(422);
  return statuses;
}

function operationObject(id: string, op: Operation, docs: OperationDocs): Record<string, unknown> {
  const where = `${op.method} ${op.path}`;
  const parameters: unknown[] = Object.entries(op.pathParams ?? {}).map(([name, param]) => ({
    name,
    in: 'path',
    required: true,
    description: docs.params?.[name],
    schema: { type: 'string', minLength: 1, maxLength: param.maxLength },
  }));
  for (const [name, param] of Object.entries(op.query ?? {})) {
    parameters.push({ name, in: 'query', required: param.required ?? false, description: docs.params?.[name], schema: queryParamSchema(param) });
  }
  if (op.publicCache) parameters.push({ $ref: '#/components/parameters/IfNoneMatch' });
  if (op.idempotency === 'required') parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
  if (op.idempotency === 'optional') parameters.push({ $ref: '#/components/parameters/OptionalIdempotencyKey' });

  const cacheHeaders = op.publicCache ? { ETag: headerRef('ETag'), 'Cache-Control': headerRef('PublicCacheControl') } : {};
  const successHeaders = { ...REQUEST_ID, ...cacheHeaders, ...(op.idempotency === 'none' ? {} : { 'Idempotent-Replayed': headerRef('IdempotentReplayed') }) };
  const responses: Record<string, unknown> = {};
  if (op.status === 204) responses['204'] = { description: 'Done; no content.', headers: successHeaders };
  else if (op.produces) {
    const types = typeof op.produces === 'string' ? [op.produces] : op.produces;
    responses[String(op.status)] = {
      description: `The ${types.join(' or ')} document.`,
      headers: { ...successHeaders, 'Content-Disposition': { description: '`inline; filename="<name>"`', schema: { type: 'string' } } },
      content: Object.fromEntries(types.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
    };
  } else if (op.response) {
    const schema = schemaRef(op.response, `${where} ${op.status}`);
    const description = `${op.status === 201 ? 'Created' : 'OK'}: the ${schema.$ref.split('/').pop()}.`;
    responses[String(op.status)] = { description, headers: successHeaders, content: { 'application/json': { schema } } };
  }
  if (op.publicCache) {
    responses['304'] = { description: 'Not modified: the `ETag` named in `If-None-Match` is current; no body.', headers: { ...REQUEST_ID, ...cacheHeaders } };
  }
  const implied = impliedStatuses(op);
  const statuses = [...new Set([...implied, ...Object.keys(docs.problems ?? {}).map(Number)])].sort((a, b) => a - b);
  for (const status of statuses) {
    const generic = implied.has(status) ? GENERIC_PROBLEMS[status] : undefined;
    const own = docs.problems?.[status];
    // A keyed write's own refusals (a decline, "already paid", an unknown id) are its stored outcome: replayed too.
    const stored = op.idempotency !== 'none' && (own !== undefined || status === 404);
    const keyMissing = status === 400 && op.idempotency === 'required';
    if (generic && !own && !stored && !keyMissing) {
      responses[String(status)] = responseRef(generic.name);
      continue;
    }
    const codes = [...(own?.codes ?? []), ...(generic?.codes ?? []), ...(keyMissing ? ['idempotency_key_missing'] : [])];
    const description = [generic?.description, own?.description, keyMissing ? 'A missing `Idempotency-Key` too.' : undefined].filter(Boolean).join(' ');
    const replayed = stored ? { 'Idempotent-Replayed': headerRef('IdempotentReplayed') } : {};
    responses[String(status)] = problemResponse(description, [...new Set(codes)], { ...generic?.headers, ...replayed });
  }

  return {
    operationId: id,
    tags: [...docs.tags],
    summary: docs.summary,
    ...(docs.description ? { description: docs.description } : {}),
    ...(op.auth === 'bearer' ? {} : { security: [] }),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaRef(op.body, `${where} body`) } } } } : {}),
    responses,
  };
}

function paths(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [id, op] of Object.entries(serverOperations as Record<string, Operation>)) {
    (out[op.path] ??= {})[op.method.toLowerCase()] = operationObject(id, op, serverDocs[id as keyof typeof serverDocs]);
  }
  return out;
}

export function buildOpenApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Account Elements host API',
      version: '0.1.0',
      summary: 'What a host backend implements so the Account Elements components can render its billing pages.',
      description: [
        'Every endpoint except the public pricing catalogue, the signed PDF links and the demo token endpoint takes a bearer token in `Authorization`.',
        'A token only ever sees its own account: another account\'s ids answer 404, not 403.',
        '',
        'Money is always `{amount, currency}` with `amount` an integer count of the currency\'s minor unit (cents, yen, fils).',
        '',
        'Errors are RFC 9457 problem details (`application/problem+json`) with our `code`, field `errors` and `request_id` extensions.',
        'Every response carries a `Request-Id` header; a `Retry-After` header on 429 and 503 says when to try again.',
        '',
        'Lists are cursor-paginated: pass `next_cursor` back as `cursor`; `null` means the last page.',
        '',
        'Write endpoints take an `Idempotency-Key` header (`#/components/parameters/IdempotencyKey`).',
        '',
        `Payment problems carry one of these \`code\`s: ${PAYMENT_PROBLEM_CODES.map((code) => `\`${code}\``).join(', ')}.`,
        `License quote and order problems carry one of these \`code\`s: ${LICENSE_PROBLEM_CODES.map((code) => `\`${code}\``).join(', ')}.`,
        `Add-on change problems carry one of these \`code\`s: ${ADDON_PROBLEM_CODES.map((code) => `\`${code}\``).join(', ')}.`,
        `User and invitation problems carry one of these \`code\`s: ${USER_PROBLEM_CODES.map((code) => `\`${code}\``).join(', ')}.`,
        `Address book problems carry one of these \`code\`s: ${ADDRESS_PROBLEM_CODES.map((code) => `\`${code}\``).join(', ')}.`,
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/api' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'account', description: 'The signed-in account.' },
      { name: 'invoices', description: 'Invoices, their details and PDFs.' },
      { name: 'payments', description: 'Paying invoices, and the payment history.' },
      { name: 'payment-methods', description: 'Saved cards and bank accounts, and what the gateway offers.' },
      { name: 'licenses', description: 'The public pricing catalogue, the account\'s licenses, quotes for more, and license orders.' },
      { name: 'addons', description: 'The account\'s add-ons, previews of enabling or disabling one, and the changes at a previewed price.' },
      { name: 'credits', description: 'The account\'s credits, what is left of them, and the invoices they paid.' },
      { name: 'usage', description: 'Metered usage: the records, their sums per day, week or month, and CSV exports through a signed link.' },
      { name: 'users', description: 'The account\'s users and their roles: invitations, role changes, removals, and the roles there are.' },
      { name: 'addresses', description: 'The account\'s address book: billing, shipping and residential addresses, and the default of each use.' },
      { name: 'transactions', description: 'The account\'s ledger: every money movement with its running balance.' },
      { name: 'demo', description: 'Only in the reference server\'s demo mode; not part of what a host implements.' },
    ],
    paths: paths(),
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An access token for one user of one account; the host issues it (the reference server: `POST /demo/token`).',
        },
      },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          description: [
            'A unique key per intended operation (a UUID), sent again unchanged when the request is retried.',
            'The server stores the key with the account, a fingerprint of the request and the response:',
            '- missing → 400;',
            '- same key while the first request is still running → 409 (retry after `Retry-After`);',
            '- same key with a different body → 422;',
            '- same key and same body after it completed → the stored response again, with `Idempotent-Replayed: true`.',
          ].join('\n'),
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
        IfNoneMatch: {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'The `ETag` of the copy the client holds: when it is still current the answer is 304 with no body.',
          schema: { type: 'string', maxLength: 1024 },
        },
        OptionalIdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description: 'As `IdempotencyKey`, but optional: without it the request simply runs (a retry may then answer 404 or 409).',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
      headers: {
        RequestId: {
          description: 'Identifies this request in the server\'s logs; the elements show it in their error state.',
          schema: { type: 'string' },
        },
        RetryAfter: {
          description: 'Seconds to wait before retrying (RFC 9110 §10.2.3; an HTTP date is also allowed).',
          schema: { type: 'string' },
        },
        ETag: {
          description: 'A strong entity tag of the body (a hash of it): send it back as `If-None-Match` to revalidate.',
          schema: { type: 'string' },
        },
        PublicCacheControl: {
          description: '`public, max-age=<seconds>`: browsers and CDNs may keep the answer that long, then revalidate it with its `ETag`.',
          schema: { type: 'string' },
        },
        IdempotentReplayed: {
          description: '`true` when this is the stored response of an earlier request with the same `Idempotency-Key`.',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
      },
      responses: {
        ...Object.fromEntries(
          Object.values(GENERIC_PROBLEMS).map(({ name, description, codes, headers }) => [name, problemResponse(description, codes, headers)]),
        ),
        IdempotentReplay: {
          description: 'Documentation of a replay: any success response of a write endpoint may be a stored one.',
          headers: { ...REQUEST_ID, 'Idempotent-Replayed': headerRef('IdempotentReplayed') },
        },
      },
    },
  };
}
