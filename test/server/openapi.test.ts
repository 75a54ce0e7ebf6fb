/// <reference types="node" />
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import * as z from 'zod/mini';
import { buildOpenApiDocument } from '../../server/openapi.js';
import { OPENAPI_JSON_PATH, serializeOpenApiDocument } from '../../scripts/openapi.js';
import { CATALOGUE } from '../../src/api/fixtures/catalogue.js';
import { createFixture, toSummary } from '../../src/api/fixtures/generate.js';
import {
  Account,
  LicenseOverview,
  NewLicenseOrder,
  NewLicenseQuote,
  Pricing,
  InvoiceDetail,
  InvoicePage,
  InvoiceSummary,
  Money,
  NewPayment,
  NewPaymentMethod,
  Payment,
  PaymentMethod,
  PaymentMethodList,
  Problem,
} from '../../src/api/schemas/index.js';
import { NewSavedAddress, SavedAddress, SavedAddressPage, SavedAddressPatch } from '../../src/api/schemas/address.js';

type Json = Record<string, any>;
const doc = buildOpenApiDocument() as Json;
const schemas = doc.components.schemas as Record<string, Json>;

/** Follows a local `#/components/...` reference. */
function resolve(node: Json): Json {
  if (typeof node.$ref !== 'string') return node;
  return resolve(node.$ref.slice(2).split('/').reduce((at: Json, key: string) => at[key], doc));
}

const operations = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
  Object.entries(item).map(([method, operation]) => ({ path, method, operation: operation as Json })),
);

/** The keys a zod object requires (neither optional nor defaulted). */
function zodRequiredKeys(schema: z.ZodMiniObject): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => (field as z.core.$ZodType)._zod.optout !== 'optional')
    .map(([key]) => key);
}

describe('OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    // validate() dereferences in place: give it a copy.
    const api = await SwaggerParser.validate(structuredClone(doc) as never);
    assert.equal((api as Json).openapi, '3.1.0');
  });

  test('the committed openapi.json is the generated document (run `npx tsx scripts/openapi.ts`)', () => {
    assert.equal(readFileSync(OPENAPI_JSON_PATH, 'utf8'), serializeOpenApiDocument());
  });

  test('documents the endpoints, the /api server and bearer auth', () => {
    assert.deepEqual(doc.servers, [{ url: '/api' }]);
    assert.deepEqual(
      operations.map(({ path, method }) => `${method.toUpperCase()} ${path}`).sort(),
      [
        'DELETE /addresses/{id}',
        'DELETE /payment-methods/{id}',
        'DELETE /users/{id}',
        'GET /account',
        'GET /account/profile',
        'GET /addons',
        'GET /addresses',
        'GET /credits',
        'GET /invoices',
        'GET /invoices/{id}',
        'GET /invoices/{id}/pdf',
        'GET /licenses',
        'GET /orders',
        'GET /orders/{id}',
        'GET /orders/{id}/sales-order.pdf',
        'GET /payment-methods',
        'GET /payments',
        'GET /payments/{id}',
        'GET /pricing',
        'GET /roles',
        'GET /transactions',
        'GET /usage',
        'GET /usage/catalogue',
        'GET /usage/export',
        'GET /usage/series',
        'GET /users',
        'PATCH /account/autopay',
        'PATCH /addresses/{id}',
        'PATCH /payment-methods/{id}',
        'PATCH /users/{id}',
        'POST /addons/{id}/disable',
        'POST /addons/{id}/enable',
        'POST /addons/{id}/preview',
        'POST /addresses',
        'POST /demo/token',
        'POST /licenses/orders',
        'POST /licenses/quotes',
        'POST /payment-methods',
        'POST /payments',
        'POST /usage/exports',
        'POST /users',
        'POST /users/{id}/invitation',
      ],
    );
    assert.deepEqual(doc.components.securitySchemes.bearerAuth, {
      ...doc.components.securitySchemes.bearerAuth,
      type: 'http',
      scheme: 'bearer',
    });
    assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
    assert.deepEqual(doc.paths['/invoices/{id}/pdf'].get.security, [], 'the signed link takes no bearer token');
    assert.deepEqual(doc.paths['/demo/token'].post.security, []);
    assert.deepEqual(doc.paths['/pricing'].get.security, [], 'the public catalogue takes no token');
    assert.deepEqual(doc.paths['/orders/{id}/sales-order.pdf'].get.security, []);
  });

  test('GET /pricing is cacheable: ETag and Cache-Control on 200, If-None-Match, 304 without a body', () => {
    const pricing = doc.paths['/pricing'].get;
    const params = (pricing.parameters as Json[]).map(resolve);
    assert.deepEqual(params.map((p) => [p.name, p.in, p.required]), [['If-None-Match', 'header', false]]);
    const ok = resolve(pricing.responses['200']);
    assert.ok(ok.headers.ETag && ok.headers['Cache-Control']);
    const notModified = resolve(pricing.responses['304']);
    assert.ok(notModified.headers.ETag && notModified.headers['Request-Id']);
    assert.equal(notModified.content, undefined);
    assert.equal(pricing.responses['401'], undefined, 'no token, no 401');
    assert.equal(doc.paths['/licenses'].get.responses['304'], undefined, 'only the public read');
  });

  test('license orders: a required Idempotency-Key; 402 declines, 409 and 422 name their codes', () => {
    const order = doc.paths['/licenses/orders'].post;
    const key = (order.parameters as Json[]).map(resolve).find((p) => p.name === 'Idempotency-Key');
    assert.equal(key?.required, true);
    const quote = doc.paths['/licenses/quotes'].post;
    assert.equal((quote.parameters as Json[]).map(resolve).find((p) => p.name === 'Idempotency-Key')?.required, false);
    for (const code of ['quote_already_ordered', 'quote_expired']) assert.match(order.responses['409'].description, new RegExp(code));
    for (const code of ['quote_not_found', 'authorization_required', 'invoice_payment_not_allowed', 'quantity_above_maximum']) {
      assert.match(order.responses['422'].description, new RegExp(code));
    }
    assert.match(order.responses['402'].description, /card_declined/);
    for (const code of ['quantity_not_positive', 'license_decrease_not_self_service', 'product_not_self_service']) assert.match(quote.responses['422'].description, new RegExp(code));
    const transactions = (doc.paths['/transactions'].get.parameters as Json[]).map(resolve);
    assert.deepEqual(transactions.find((p) => p.name === 'type')?.schema.enum, ['all', 'invoice', 'payment', 'credit', 'refund', 'license_purchase']);
    assert.equal(transactions.find((p) => p.name === 'from')?.schema.format, 'date');
  });

  test('GET /invoices takes status all|open|paid, cursor and limit 1-100', () => {
    const params = (doc.paths['/invoices'].get.parameters as Json[]).map(resolve);
    const byName = Object.fromEntries(params.map((p) => [p.name, p]));
    assert.deepEqual(byName.status.schema.enum, ['all', 'open', 'paid']);
    assert.equal(byName.cursor.in, 'query');
    assert.equal(byName.limit.schema.minimum, 1);
    assert.equal(byName.limit.schema.maximum, 100);
  });

  test('the PDF link takes expires, signature and an optional disposition and answers application/pdf', () => {
    const pdf = doc.paths['/invoices/{id}/pdf'].get;
    const names = (pdf.parameters as Json[]).map(resolve).filter((p) => p.in === 'query').map((p) => p.name);
    assert.deepEqual(names.sort(), ['disposition', 'expires', 'signature']);
    assert.ok(resolve(pdf.responses['200']).content['application/pdf']);
  });

  test('every error response is problem+json referencing Problem; every response has Request-Id', () => {
    let errors = 0;
    for (const { path, method, operation } of operations) {
      for (const [status, raw] of Object.entries(operation.responses as Json)) {
        const response = resolve(raw as Json);
        const where = `${method} ${path} ${status}`;
        assert.ok(response.headers?.['Request-Id'], `${where}: Request-Id`);
        if (Number(status) < 400) continue;
        errors++;
        assert.deepEqual(Object.keys(response.content), ['application/problem+json'], where);
        assert.deepEqual(response.content['application/problem+json'].schema, { $ref: '#/components/schemas/Problem' }, where);
        if (status === '429' || status === '503') assert.ok(response.headers['Retry-After'], `${where}: Retry-After`);
      }
    }
    assert.ok(errors >= 20, `only ${errors} error responses`);
  });

  test('documents Idempotency-Key as a reusable header parameter, with Idempotent-Replayed', () => {
    const key = doc.components.parameters.IdempotencyKey;
    assert.equal(key.in, 'header');
    assert.equal(key.name, 'Idempotency-Key');
    for (const word of ['400', '409', '422', 'Idempotent-Replayed: true']) assert.match(key.description, new RegExp(word));
    assert.ok(doc.components.headers.IdempotentReplayed);
    assert.ok(doc.components.headers.RetryAfter);
    assert.ok(resolve(doc.components.responses.IdempotentReplay).headers['Idempotent-Replayed']);
  });

  test('writes: POST takes a required Idempotency-Key, PATCH and DELETE an optional one; payment problems list their codes', () => {
    const keyOf = (operation: Json) => (operation.parameters as Json[]).map(resolve).find((p) => p.name === 'Idempotency-Key');
    for (const [path, method] of [['/payments', 'post'], ['/payment-methods', 'post']]) assert.equal(keyOf(doc.paths[path][method])?.required, true, `${method} ${path}`);
    for (const [path, method] of [['/payment-methods/{id}', 'patch'], ['/payment-methods/{id}', 'delete'], ['/account/autopay', 'patch']]) {
      assert.equal(keyOf(doc.paths[path][method])?.required, false, `${method} ${path}`);
    }
    const pay = doc.paths['/payments'].post;
    assert.deepEqual(pay.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/NewPayment' });
    for (const code of ['card_declined', 'insufficient_funds', 'expired_card', 'incorrect_cvc']) assert.match(pay.responses['402'].description, new RegExp(code));
    assert.match(pay.responses['409'].description, /invoice_not_payable/);
    for (const code of ['amount_too_large', 'amount_too_small', 'partial_payment_not_allowed', 'currency_mismatch', 'payment_method_not_found']) {
      assert.match(pay.responses['422'].description, new RegExp(code));
    }
    const remove = doc.paths['/payment-methods/{id}'].delete;
    assert.deepEqual(Object.keys(remove.responses['204']), ['description', 'headers'], '204 has no content');
    assert.match(remove.responses['409'].description, /default_payment_method_required.*payment_method_in_use/);
  });

  test('addresses: any token reads (use filter, pages); writes need addresses:manage and an Idempotency-Key; DELETE takes replacement; the rules\' codes', () => {
    const keyOf = (operation: Json) => (operation.parameters as Json[]).map(resolve).find((p) => p.name === 'Idempotency-Key');
    const list = doc.paths['/addresses'].get;
    const params = Object.fromEntries((list.parameters as Json[]).map(resolve).map((p) => [p.name, p]));
    assert.deepEqual(Object.keys(params).sort(), ['cursor', 'limit', 'use']);
    assert.deepEqual(params.use.schema.enum, ['billing', 'shipping', 'residential']);
    assert.equal(list.responses['403'], undefined, 'no capability to read');
    const [create, update, remove] = [doc.paths['/addresses'].post, doc.paths['/addresses/{id}'].patch, doc.paths['/addresses/{id}'].delete];
    for (const write of [create, update, remove]) {
      assert.equal(keyOf(write)?.required, true, write.operationId);
      assert.match(write.summary, /addresses:manage/);
      assert.ok(write.responses['403'], write.operationId);
    }
    assert.deepEqual(create.requestBody.content['application/json'].schema, { $ref: '#/components/schemas/NewSavedAddress' });
    assert.deepEqual(resolve(create.responses['201']).content['application/json'].schema, { $ref: '#/components/schemas/SavedAddress' });
    for (const write of [update, remove]) assert.match(write.responses['409'].description, /default_needs_replacement/);
    for (const code of ['validation_failed', 'invalid_replacement']) assert.match(update.responses['422'].description, new RegExp(code));
    const replacement = (remove.parameters as Json[]).map(resolve).find((p) => p.name === 'replacement');
    assert.deepEqual([replacement?.in, replacement?.required], ['query', false]);
    assert.deepEqual(Object.keys(remove.responses['204']), ['description', 'headers'], '204 has no content');
  });

  test('components carry no standalone-document keywords', () => {
    const text = JSON.stringify(schemas);
    assert.doesNotMatch(text, /"\$schema"|"\$id"|"definitions"/);
    assert.doesNotMatch(text, /9007199254740991/, 'int bounds become format: int64');
  });

  const components: Array<[string, z.ZodMiniObject, unknown]> = (() => {
    const { account, invoices, payments, paymentMethods, gateway, licensing, addresses } = createFixture('typical', new Date('2026-03-15T00:00:00Z'));
    const address = { ...addresses[0], payment_methods: [{ id: paymentMethods[0].id, label: 'Visa •••• 4242' }] };
    const { id: _id, created_at: _created, updated_at: _updated, payment_methods: _methods, ...newAddress } = address;
    const page: InvoicePage = { data: invoices.slice(0, 3).map(toSummary), next_cursor: 'abc', total_count: invoices.length };
    const problem: Problem = { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found', request_id: 'req_1' };
    return [
      ['Account', Account, account],
      ['InvoiceSummary', InvoiceSummary, toSummary(invoices[0])],
      ['InvoicePage', InvoicePage, page],
      ['InvoiceDetail', InvoiceDetail, invoices[0]],
      ['Problem', Problem, problem],
      ['Money', Money, invoices[0].total],
      ['Payment', Payment, payments[0]],
      ['PaymentMethod', PaymentMethod, paymentMethods[1]],
      ['PaymentMethodList', PaymentMethodList, { data: paymentMethods, gateway }],
      ['Pricing', Pricing, CATALOGUE],
      ['LicenseOverview', LicenseOverview, { term: licensing.term, licenses: licensing.licenses, ordering: { invoice_allowed: true, provisioning_minutes: 5 } }],
      ['NewLicenseQuote', NewLicenseQuote, { product_id: 'prod_workspace', additional_quantity: 3 }],
      ['NewLicenseOrder', NewLicenseOrder, { quote_id: 'lq_1', authorization_acknowledged: true, payment: { type: 'invoice' } }],
      ['NewPayment', NewPayment, { invoice_ids: [invoices[0].id], payment_method_id: paymentMethods[0].id, amount: invoices[0].amount_due }],
      [
        'NewPaymentMethod',
        NewPaymentMethod,
        { type: 'card', token: 'tok_1', card: { number: '4242424242424242', exp_month: 1, exp_year: 2030, cvc: '123' }, set_default: true },
      ],
      ['SavedAddress', SavedAddress, address],
      ['SavedAddressPage', SavedAddressPage, { data: [address], next_cursor: null, total_count: 1 }],
      ['NewSavedAddress', NewSavedAddress, newAddress],
      ['SavedAddressPatch', SavedAddressPatch, { default_for: ['shipping'], uses: ['shipping'], replacement: 'adr_typical_east', postal_code: null }],
    ] as Array<[string, z.ZodMiniObject, unknown]>;
  })();

  for (const [name, zodSchema, sample] of components) {
    test(`components.schemas.${name} matches its zod schema and a fixture response`, () => {
      const component = schemas[name];
      assert.equal(component.type, 'object');
      // The data is a real response: the contract (zod) accepts it.
      const data = z.parse(zodSchema, sample) as Json;
      assert.deepEqual([...(component.required ?? [])].sort(), zodRequiredKeys(zodSchema).sort());
      assert.deepEqual(Object.keys(component.properties).sort(), Object.keys(zodSchema.shape).sort());
      for (const key of component.required ?? []) assert.ok(key in data, `${name}.${key} in the fixture`);
      // Closed objects (zod's z.object) reject unknown fields; Problem (looseObject) is open.
      if (name === 'Problem') assert.deepEqual(component.additionalProperties, {});
      else assert.equal(component.additionalProperties, false);
    });
  }
});
