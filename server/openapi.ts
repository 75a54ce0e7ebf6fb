/// <reference types="node" />
/**
 * The OpenAPI 3.1 document of the host API, generated from the same zod schemas the browser
 * validates with, so the document, the server and the elements cannot drift apart.
 * `scripts/openapi.ts` writes it to the committed `openapi.json`; the server serves it.
 */
import * as z from 'zod/mini';
import {
  Account,
  CalendarDate,
  FieldError,
  InvoiceDetail,
  InvoiceLine,
  InvoiceLineGroup,
  InvoicePage,
  InvoiceStatementSummary,
  InvoiceSummary,
  Money,
  Problem,
  TaxLine,
  Timestamp,
} from '../src/api/schemas/index.js';
import { INVOICE_FILTERS } from '../src/api/vocabulary.js';

/** Body of the demo-only `POST /demo/token`. Exported so the server validates with the same schema. */
export const DemoTokenRequest = z.object({
  /** A seeded demo account: a fixture name (`typical`, `jpy`, ...) or an account id. */
  account: z.string().check(z.minLength(1), z.maxLength(200)),
  /** `admin` (default), `billing_viewer` or `basic`. */
  role: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  ttl_seconds: z.optional(z.int().check(z.minimum(1), z.maximum(86_400))),
});
export type DemoTokenRequest = z.infer<typeof DemoTokenRequest>;

export const DemoTokenResponse = z.object({
  token: z.string(),
  /** When the token stops being accepted (ISO 8601). */
  expires_at: Timestamp,
});
export type DemoTokenResponse = z.infer<typeof DemoTokenResponse>;

/** Named schemas: each becomes `#/components/schemas/<name>` and is referenced, not inlined. */
const COMPONENT_SCHEMAS = {
  Money,
  CalendarDate,
  Timestamp,
  FieldError,
  Problem,
  Account,
  InvoiceSummary,
  InvoicePage,
  InvoiceLine,
  InvoiceLineGroup,
  TaxLine,
  InvoiceStatementSummary,
  InvoiceDetail,
  DemoTokenRequest,
  DemoTokenResponse,
} satisfies Record<string, z.core.$ZodType>;

type JsonObject = { [key: string]: unknown };

const ref = (name: keyof typeof COMPONENT_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });

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
    out[key] = toOpenApiSchema(value);
  }
  if (out.type === 'integer' && (out.minimum === Number.MIN_SAFE_INTEGER || out.maximum === Number.MAX_SAFE_INTEGER)) {
    if (out.minimum === Number.MIN_SAFE_INTEGER) delete out.minimum;
    if (out.maximum === Number.MAX_SAFE_INTEGER) delete out.maximum;
    out.format = 'int64';
  }
  return out;
}

function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENT_SCHEMAS)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, unknown> = {};
  // Keep the declared order (the registry's own order is insertion order too, but be explicit).
  for (const id of Object.keys(COMPONENT_SCHEMAS)) out[id] = toOpenApiSchema(schemas[id]);
  return out;
}

const headerRef = (name: string) => ({ $ref: `#/components/headers/${name}` });
const responseRef = (name: string) => ({ $ref: `#/components/responses/${name}` });

function problemResponse(description: string, extraHeaders: Record<string, unknown> = {}) {
  return {
    description,
    headers: { 'Request-Id': headerRef('RequestId'), ...extraHeaders },
    content: { 'application/problem+json': { schema: ref('Problem') } },
  };
}

function jsonResponse(description: string, schema: unknown) {
  return {
    description,
    headers: { 'Request-Id': headerRef('RequestId') },
    content: { 'application/json': { schema } },
  };
}

/** The errors any authenticated read can answer with. */
const COMMON_READ_ERRORS = {
  '401': responseRef('Unauthorized'),
  '403': responseRef('Forbidden'),
  '429': responseRef('TooManyRequests'),
  '500': responseRef('ServerError'),
  '503': responseRef('ServiceUnavailable'),
};

export function buildOpenApiDocument(): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Account Elements host API',
      version: '0.1.0',
      summary: 'What a host backend implements so the Account Elements components can render its billing pages.',
      description: [
        'Every endpoint except the signed PDF link and the demo token endpoint takes a bearer token in `Authorization`.',
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
      ].join('\n'),
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/api' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'account', description: 'The signed-in account.' },
      { name: 'invoices', description: 'Invoices, their details and PDFs.' },
      { name: 'demo', description: 'Only in the reference server\'s demo mode; not part of what a host implements.' },
    ],
    paths: {
      '/account': {
        get: {
          operationId: 'getAccount',
          tags: ['account'],
          summary: 'The account of the token: profile, balance, last payment, autopay, role and capabilities.',
          responses: {
            '200': jsonResponse('The account.', ref('Account')),
            ...COMMON_READ_ERRORS,
          },
        },
      },
      '/invoices': {
        get: {
          operationId: 'listInvoices',
          tags: ['invoices'],
          summary: 'Invoices, newest first, cursor-paginated.',
          parameters: [
            { $ref: '#/components/parameters/InvoiceStatusFilter' },
            { $ref: '#/components/parameters/Cursor' },
            { $ref: '#/components/parameters/Limit' },
          ],
          responses: {
            '200': jsonResponse('One page of invoices.', ref('InvoicePage')),
            '400': responseRef('BadRequest'),
            ...COMMON_READ_ERRORS,
          },
        },
      },
      '/invoices/{id}': {
        get: {
          operationId: 'getInvoice',
          tags: ['invoices'],
          summary: 'One invoice with its statement summary, grouped lines, taxes and memo.',
          parameters: [{ $ref: '#/components/parameters/InvoiceId' }],
          responses: {
            '200': jsonResponse('The invoice.', ref('InvoiceDetail')),
            '404': responseRef('NotFound'),
            ...COMMON_READ_ERRORS,
          },
        },
      },
      '/invoices/{id}/pdf': {
        get: {
          operationId: 'getInvoicePdf',
          tags: ['invoices'],
          summary: 'The invoice as a PDF, through the signed, expiring link given as `pdf_url`.',
          description:
            'No bearer token: the link itself is the credential, so it works in a plain `<a download>`. ' +
            '`signature` is the base64url HMAC-SHA256 of the path and `expires`; an expired or altered link answers 403.',
          security: [],
          parameters: [
            { $ref: '#/components/parameters/InvoiceId' },
            {
              name: 'expires',
              in: 'query',
              required: true,
              description: 'When the link stops working, in Unix seconds.',
              schema: { type: 'integer', minimum: 0 },
            },
            {
              name: 'signature',
              in: 'query',
              required: true,
              description: 'base64url HMAC-SHA256 over the path and `expires`.',
              schema: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
            },
          ],
          responses: {
            '200': {
              description: 'The PDF.',
              headers: {
                'Request-Id': headerRef('RequestId'),
                'Content-Disposition': {
                  description: '`attachment; filename="<invoice number>.pdf"`',
                  schema: { type: 'string' },
                },
              },
              content: { 'application/pdf': { schema: { type: 'string', contentMediaType: 'application/pdf' } } },
            },
            '400': responseRef('BadRequest'),
            '403': problemResponse('The link has expired or its signature does not match.'),
            '404': responseRef('NotFound'),
            '429': responseRef('TooManyRequests'),
            '500': responseRef('ServerError'),
          },
        },
      },
      '/demo/token': {
        post: {
          operationId: 'createDemoToken',
          tags: ['demo'],
          summary: 'Demo only: a short-lived bearer token for a seeded account and role.',
          description: 'Exists only in the reference server\'s demo mode, so the demo page exercises token refresh for real.',
          security: [],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref('DemoTokenRequest') } },
          },
          responses: {
            '201': jsonResponse('The token and when it expires.', ref('DemoTokenResponse')),
            '400': responseRef('BadRequest'),
            '404': responseRef('NotFound'),
            '422': problemResponse('The body is well-formed JSON but names an unknown role or an out-of-range ttl.'),
            '429': responseRef('TooManyRequests'),
            '500': responseRef('ServerError'),
          },
        },
      },
    },
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
        InvoiceId: {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        InvoiceStatusFilter: {
          name: 'status',
          in: 'query',
          required: false,
          description: '`open` includes overdue invoices; `all` (the default) lists every status.',
          schema: { type: 'string', enum: [...INVOICE_FILTERS], default: 'all' },
        },
        Cursor: {
          name: 'cursor',
          in: 'query',
          required: false,
          description: 'The `next_cursor` of the previous page, unchanged. A cursor that was altered answers 400.',
          schema: { type: 'string', minLength: 1, maxLength: 1000 },
        },
        Limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'Page size.',
          schema: { type: 'integer', minimum: 1, maximum: 100 },
        },
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
        IdempotentReplayed: {
          description: '`true` when this is the stored response of an earlier request with the same `Idempotency-Key`.',
          schema: { type: 'string', enum: ['true', 'false'] },
        },
      },
      responses: {
        BadRequest: problemResponse('The request is malformed: bad JSON, wrong types, unknown fields, a tampered cursor. `errors` names the fields.'),
        Unauthorized: problemResponse('No token, or the token is invalid or expired.'),
        Forbidden: problemResponse('The token\'s role lacks the capability this needs.'),
        NotFound: problemResponse('No such resource in this account (another account\'s ids answer 404 too).'),
        IdempotencyInProgress: problemResponse('A request with the same `Idempotency-Key` is still being processed.', {
          'Retry-After': headerRef('RetryAfter'),
        }),
        IdempotencyKeyReused: problemResponse('The `Idempotency-Key` was already used with a different request body.'),
        IdempotentReplay: {
          description: 'Documentation of a replay: any success response of a write endpoint may be a stored one.',
          headers: {
            'Request-Id': headerRef('RequestId'),
            'Idempotent-Replayed': headerRef('IdempotentReplayed'),
          },
        },
        TooManyRequests: problemResponse('Rate limited.', { 'Retry-After': headerRef('RetryAfter') }),
        ServerError: problemResponse('A fault in the server; it is logged under the `Request-Id`.'),
        ServiceUnavailable: problemResponse('Temporarily unavailable.', { 'Retry-After': headerRef('RetryAfter') }),
      },
    },
  };
}
