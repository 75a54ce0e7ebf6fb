/// <reference types="node" />
/**
 * The OpenAPI 3.1 document of the host API, generated from the same zod schemas the browser
 * validates with, so the document, the server and the elements cannot drift apart.
 * `scripts/openapi.ts` writes it to the committed `openapi.json`; the server serves it.
 */
import * as z from 'zod/mini';
import {
  Account,
  Address,
  AutopayUpdate,
  BankAccountDetails,
  CalendarDate,
  CardDetails,
  FieldError,
  GatewayInfo,
  InvoiceDetail,
  InvoiceLine,
  InvoiceLineGroup,
  InvoicePage,
  InvoiceStatementSummary,
  InvoiceSummary,
  Money,
  NewBankAccount,
  NewPayment,
  NewPaymentMethod,
  Payment,
  PaymentAllocation,
  PaymentMethod,
  PaymentMethodList,
  PaymentMethodPatch,
  PaymentPage,
  Problem,
  RawCard,
  TaxLine,
  Timestamp,
} from '../src/api/schemas/index.js';
import { INVOICE_FILTERS, PAYMENT_PROBLEM_CODES } from '../src/api/vocabulary.js';

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
  PaymentAllocation,
  Payment,
  PaymentPage,
  NewPayment,
  Address,
  CardDetails,
  BankAccountDetails,
  PaymentMethod,
  GatewayInfo,
  PaymentMethodList,
  RawCard,
  NewBankAccount,
  NewPaymentMethod,
  PaymentMethodPatch,
  AutopayUpdate,
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

/** A problem response whose `code` is one of `codes` (listed for generators and readers). */
function codedProblem(description: string, codes: readonly string[], extraHeaders: Record<string, unknown> = {}) {
  return problemResponse(`${description} \`code\`: ${codes.map((code) => `\`${code}\``).join(', ')}.`, extraHeaders);
}

const jsonBody = (name: keyof typeof COMPONENT_SCHEMAS) => ({ required: true, content: { 'application/json': { schema: ref(name) } } });

/** The errors of a request body that is not JSON, too large or malformed. */
const BODY_ERRORS = {
  '400': responseRef('BadRequest'),
  '413': responseRef('PayloadTooLarge'),
  '415': responseRef('UnsupportedMediaType'),
};

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
        '',
        `Payment problems carry one of these \`code\`s: ${PAYMENT_PROBLEM_CODES.map((code) => `\`${code}\``).join(', ')}.`,
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
      '/account/autopay': {
        patch: {
          operationId: 'setAutopay',
          tags: ['account', 'payment-methods'],
          summary: 'Turns autopay on (with the given method, or the default one) or off. Needs `autopay:manage`.',
          parameters: [{ $ref: '#/components/parameters/OptionalIdempotencyKey' }],
          requestBody: jsonBody('AutopayUpdate'),
          responses: {
            '200': jsonResponse('The account with its new autopay setting.', ref('Account')),
            ...BODY_ERRORS,
            '409': responseRef('IdempotencyInProgress'),
            '422': codedProblem('No method to pay with, or the key was reused with another body.', [
              'default_payment_method_required',
              'payment_method_not_found',
              'idempotency_key_reused',
            ]),
            ...COMMON_READ_ERRORS,
          },
        },
      },
      '/payments': {
        get: {
          operationId: 'listPayments',
          tags: ['payments'],
          summary: 'Payments, newest first, cursor-paginated; failed ones (declines, returned bank debits) included.',
          parameters: [{ $ref: '#/components/parameters/Cursor' }, { $ref: '#/components/parameters/Limit' }],
          responses: {
            '200': jsonResponse('One page of payments.', ref('PaymentPage')),
            '400': responseRef('BadRequest'),
            ...COMMON_READ_ERRORS,
          },
        },
        post: {
          operationId: 'createPayment',
          tags: ['payments'],
          summary: 'Pays open or overdue invoices with a saved method. Needs `invoices:pay`.',
          description: [
            'Without `amount`, the invoices\' whole amount due is paid. The amount is allocated to the invoices oldest due first.',
            'A card payment `succeeded` at once; a bank (ACH) payment is `processing` (and the invoices it covers in full are',
            '`processing`) until the bank settles it, or fails it (`failed` with `failure`, the invoices open again).',
            'A decline answers 402 with the gateway\'s `code` and is recorded as a failed payment; it is the stored response',
            'of its `Idempotency-Key`, so a corrected attempt needs a new key.',
          ].join('\n'),
          parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
          requestBody: jsonBody('NewPayment'),
          responses: {
            '201': jsonResponse('The payment: `succeeded`, or `processing` for a bank account.', ref('Payment')),
            ...BODY_ERRORS,
            '402': codedProblem('The gateway declined the charge.', ['card_declined', 'insufficient_funds', 'expired_card', 'incorrect_cvc']),
            '409': codedProblem('An invoice is already paid or being paid, or a request with this key is still running (`Retry-After`).', [
              'invoice_not_payable',
              'idempotency_key_in_use',
            ], { 'Retry-After': headerRef('RetryAfter') }),
            '422': codedProblem('The invoices, method or amount cannot be paid this way.', [
              'validation_failed',
              'payment_method_not_found',
              'amount_too_large',
              'amount_too_small',
              'partial_payment_not_allowed',
              'currency_mismatch',
              'idempotency_key_reused',
            ]),
            ...COMMON_READ_ERRORS,
          },
        },
      },
      '/payments/{id}': {
        get: {
          operationId: 'getPayment',
          tags: ['payments'],
          summary: 'One payment with its allocations to invoices.',
          parameters: [{ $ref: '#/components/parameters/PaymentId' }],
          responses: {
            '200': jsonResponse('The payment.', ref('Payment')),
            '400': responseRef('BadRequest'),
            '404': responseRef('NotFound'),
            ...COMMON_READ_ERRORS,
          },
        },
      },
      '/payment-methods': {
        get: {
          operationId: 'listPaymentMethods',
          tags: ['payment-methods'],
          summary: 'The saved payment methods and what the gateway offers (which kinds may be added, hosted card fields).',
          responses: {
            '200': jsonResponse('Every saved method and the gateway.', ref('PaymentMethodList')),
            ...COMMON_READ_ERRORS,
          },
        },
        post: {
          operationId: 'addPaymentMethod',
          tags: ['payment-methods'],
          summary: 'Saves a card (a gateway `token`, or raw `card` data where the gateway accepts it) or a bank account. Needs `payment_methods:manage`.',
          description:
            'The first method, or one added with `set_default: true`, becomes the default. A bank account needs `mandate_accepted: true` ' +
            '(the gateway\'s `mandate_text`). Card tokens are single use and expire.',
          parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
          requestBody: jsonBody('NewPaymentMethod'),
          responses: {
            '201': jsonResponse('The saved method.', ref('PaymentMethod')),
            ...BODY_ERRORS,
            '409': responseRef('IdempotencyInProgress'),
            '422': codedProblem('The card or bank account was not accepted; `errors` names the fields.', [
              'validation_failed',
              'raw_card_data_not_allowed',
              'idempotency_key_reused',
            ]),
            ...COMMON_READ_ERRORS,
          },
        },
      },
      '/payment-methods/{id}': {
        patch: {
          operationId: 'updatePaymentMethod',
          tags: ['payment-methods'],
          summary: 'Makes a method the default, or changes its billing address or card expiry. Needs `payment_methods:manage`.',
          parameters: [{ $ref: '#/components/parameters/PaymentMethodId' }, { $ref: '#/components/parameters/OptionalIdempotencyKey' }],
          requestBody: jsonBody('PaymentMethodPatch'),
          responses: {
            '200': jsonResponse('The method.', ref('PaymentMethod')),
            ...BODY_ERRORS,
            '404': responseRef('NotFound'),
            '409': responseRef('IdempotencyInProgress'),
            '422': responseRef('IdempotencyKeyReused'),
            ...COMMON_READ_ERRORS,
          },
        },
        delete: {
          operationId: 'deletePaymentMethod',
          tags: ['payment-methods'],
          summary: 'Removes a method. Needs `payment_methods:manage`.',
          description: 'The default method goes last (make another one the default first); autopay\'s method only after autopay is off or moved.',
          parameters: [{ $ref: '#/components/parameters/PaymentMethodId' }, { $ref: '#/components/parameters/OptionalIdempotencyKey' }],
          responses: {
            '204': { description: 'Removed.', headers: { 'Request-Id': headerRef('RequestId') } },
            '400': responseRef('BadRequest'),
            '404': responseRef('NotFound'),
            '409': codedProblem('The method cannot go yet, or a request with this key is still running.', [
              'default_payment_method_required',
              'payment_method_in_use',
              'idempotency_key_in_use',
            ]),
            '422': responseRef('IdempotencyKeyReused'),
            ...COMMON_READ_ERRORS,
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
        PaymentId: {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', minLength: 1, maxLength: 200 },
        },
        PaymentMethodId: {
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
        PayloadTooLarge: problemResponse('The body is larger than 16 KiB.'),
        UnsupportedMediaType: problemResponse('The body is not `application/json`.'),
        TooManyRequests: problemResponse('Rate limited.', { 'Retry-After': headerRef('RetryAfter') }),
        ServerError: problemResponse('A fault in the server; it is logged under the `Request-Id`.'),
        ServiceUnavailable: problemResponse('Temporarily unavailable.', { 'Retry-After': headerRef('RetryAfter') }),
      },
    },
  };
}
