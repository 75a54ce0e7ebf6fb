/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cachingSigner, signPath, verifySignedPath } from '../../server/signed-url.js';

const SECRET = 'test-secret-0123456789';
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const IN_AN_HOUR = NOW + 3_600_000;

/** What a server does with an incoming request URL. */
function verifyUrl(signed: string, nowMs = NOW, secret = SECRET): boolean {
  const url = new URL(signed, 'http://localhost');
  return verifySignedPath(url.pathname, url.searchParams, secret, nowMs);
}

describe('signed URLs', () => {
  test('signs with expires in Unix seconds and a base64url signature', () => {
    const signed = signPath('/api/invoices/in_1/pdf', SECRET, IN_AN_HOUR);
    assert.match(signed, /^\/api\/invoices\/in_1\/pdf\?expires=(\d+)&signature=([A-Za-z0-9_-]{43})$/);
    assert.equal(new URL(signed, 'http://x').searchParams.get('expires'), String(IN_AN_HOUR / 1000));
  });

  test('a fresh link verifies; the same inputs give the same link', () => {
    const signed = signPath('/api/invoices/in_1/pdf', SECRET, IN_AN_HOUR);
    assert.equal(signed, signPath('/api/invoices/in_1/pdf', SECRET, IN_AN_HOUR));
    assert.equal(verifyUrl(signed), true);
    assert.equal(verifyUrl(signed, IN_AN_HOUR - 1000), true);
  });

  test('an expired link is rejected', () => {
    const signed = signPath('/api/invoices/in_1/pdf', SECRET, IN_AN_HOUR);
    assert.equal(verifyUrl(signed, IN_AN_HOUR), false);
    assert.equal(verifyUrl(signed, IN_AN_HOUR + 86_400_000), false);
    assert.equal(verifyUrl(signPath('/p', SECRET, NOW - 1000)), false);
  });

  test('appends with & to a path that has a query, and still verifies', () => {
    const signed = signPath('/api/invoices/in_1/pdf?download=1', SECRET, IN_AN_HOUR);
    assert.match(signed, /\?download=1&expires=\d+&signature=/);
    assert.equal(verifyUrl(signed), true);
    assert.equal(verifyUrl(signed.replace('download=1', 'download=0')), false, 'the query is signed too');
  });

  test('a tampered path, expires or signature is rejected', () => {
    const signed = signPath('/api/invoices/in_1/pdf', SECRET, IN_AN_HOUR);
    const url = new URL(signed, 'http://x');
    const expires = url.searchParams.get('expires')!;
    const signature = url.searchParams.get('signature')!;
    assert.equal(verifyUrl(signed.replace('in_1', 'in_2')), false, 'another invoice');
    assert.equal(verifyUrl(signed.replace(`expires=${expires}`, `expires=${Number(expires) + 3600}`)), false, 'a later expiry');
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    assert.equal(verifyUrl(signed.replace(signature, flipped)), false, 'one character of the signature');
    assert.equal(verifyUrl(signed.replace(signature, signature.slice(0, -2))), false, 'a shortened signature');
    assert.equal(verifyUrl(`${signed}&expires=${Number(expires) + 3600}`), false, 'a second expires');
    assert.equal(verifyUrl(signed, NOW, 'another-secret'), false, 'another secret');
  });

  test('missing or malformed parameters are rejected without throwing', () => {
    const signed = signPath('/api/invoices/in_1/pdf', SECRET, IN_AN_HOUR);
    const url = new URL(signed, 'http://x');
    for (const drop of ['expires', 'signature']) {
      const params = new URLSearchParams(url.searchParams);
      params.delete(drop);
      assert.equal(verifySignedPath(url.pathname, params, SECRET, NOW), false, `without ${drop}`);
    }
    assert.equal(verifySignedPath(url.pathname, new URLSearchParams(), SECRET, NOW), false);
    const bad = new URLSearchParams({ expires: 'soon', signature: url.searchParams.get('signature')! });
    assert.equal(verifySignedPath(url.pathname, bad, SECRET, NOW), false);
    const garbage = new URLSearchParams({ expires: url.searchParams.get('expires')!, signature: '%%%' });
    assert.equal(verifySignedPath(url.pathname, garbage, SECRET, NOW), false);
    assert.equal(verifySignedPath(url.pathname, url.searchParams, '', NOW), false, 'empty secret');
  });

  test('refuses to sign with an empty secret', () => {
    assert.throws(() => signPath('/p', '', IN_AN_HOUR));
  });
});

describe('cachingSigner (one signature per path and expiry step)', () => {
  const TTL = 15 * 60_000;
  const STEP = 60_000;
  const expiresOf = (link: string) => Number(new URL(link, 'http://x').searchParams.get('expires')) * 1000;

  test('within one step: the same link; it verifies, lives ttl - step to ttl, and expires', () => {
    const sign = cachingSigner(SECRET, TTL, STEP, (id) => `/api/invoices/${id}/pdf`);
    const start = Math.floor(NOW / STEP) * STEP;
    const first = sign('', 'in_1', start + 1_000);
    assert.equal(first, signPath('/api/invoices/in_1/pdf', SECRET, start + TTL), 'exactly what signPath gives for the rounded expiry');
    assert.equal(sign('http://a.test', 'in_1', start), `http://a.test${first}`, 'per origin');
    for (const now of [start, start + 1_000, start + 30_000, start + STEP - 1]) {
      const link = sign('', 'in_1', now);
      assert.equal(link, first);
      const lifetime = expiresOf(link) - now;
      assert.ok(lifetime > TTL - STEP && lifetime <= TTL, `lifetime ${lifetime} ms`);
      assert.equal(verifyUrl(link, now), true);
    }
    assert.equal(verifyUrl(first, start + TTL - 1), true);
    assert.equal(verifyUrl(first, start + TTL), false, 'expired at its expires');
    assert.notEqual(sign('', 'in_2', start), first, 'another path, another signature');
  });

  test('the next step signs again with a later expiry', () => {
    const sign = cachingSigner(SECRET, TTL, STEP, (path) => path);
    const start = Math.floor(NOW / STEP) * STEP;
    const before = sign('', '/p', start + STEP - 1);
    const after = sign('', '/p', start + STEP);
    assert.notEqual(after, before);
    assert.equal(expiresOf(after) - expiresOf(before), STEP);
    assert.equal(verifyUrl(after, start + STEP), true);
  });

  test('bounded: a full cache starts over, links stay correct', () => {
    const sign = cachingSigner(SECRET, TTL, STEP, (path) => path, 2);
    for (const [origin, path] of [['', '/a'], ['x:', '/b'], ['', '/c'], ['', '/a']]) {
      assert.equal(sign(origin, path, NOW), origin + signPath(path, SECRET, Math.floor((NOW + TTL) / STEP) * STEP));
    }
  });

  test('rejects a step that is not whole seconds or not below the lifetime', () => {
    assert.throws(() => cachingSigner(SECRET, TTL, 1_500, String));
    assert.throws(() => cachingSigner(SECRET, TTL, TTL, String));
  });
});
