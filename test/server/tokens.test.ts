/// <reference types="node" />
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { issueToken, seal, tokenVerifier } from '../../server/tokens.js';

const SECRET = 'test-secret-0123456789';
const NOW = Date.UTC(2026, 2, 15, 12, 0, 0);
const CLAIMS = { account_id: 'acct_typical', user: 'usr_1', role: 'admin' };

describe('tokenVerifier (remembers tokens that verified)', () => {
  test('a remembered token still expires; its claims are the same frozen object', () => {
    const verify = tokenVerifier(SECRET);
    const { token } = issueToken(SECRET, CLAIMS, 60, NOW);
    const first = verify(token, NOW);
    assert.ok(first.ok);
    const again = verify(token, NOW + 59_000);
    assert.ok(again.ok);
    assert.equal(again.claims, first.claims);
    assert.ok(Object.isFrozen(again.claims));
    assert.deepEqual(verify(token, NOW + 60_000), { ok: false, reason: 'expired' });
  });

  test('a token lives at least its ttl, also when issued late in a second', () => {
    const verify = tokenVerifier(SECRET);
    const { token } = issueToken(SECRET, CLAIMS, 1, NOW + 999);
    assert.ok(verify(token, NOW + 1_998).ok);
    assert.deepEqual(verify(token, NOW + 2_000), { ok: false, reason: 'expired' });
  });

  test('tampered, foreign-secret and unknown-role tokens fail every time', () => {
    const verify = tokenVerifier(SECRET, 2);
    const { token } = issueToken(SECRET, CLAIMS, 60, NOW);
    const [body, sig] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...CLAIMS, account_id: 'acct_large', exp: 2e9 })).toString('base64url')}.${sig}`;
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(verify(forged, NOW), { ok: false, reason: 'invalid' });
      assert.deepEqual(verify(seal('token', 'other', { ...CLAIMS, exp: 2e9 }), NOW), { ok: false, reason: 'invalid' });
      assert.deepEqual(verify(seal('token', SECRET, { ...CLAIMS, role: 'root', exp: 2e9 }), NOW), { ok: false, reason: 'invalid' });
      assert.deepEqual(verify(`${body}.${sig.slice(1)}A`, NOW), { ok: false, reason: 'invalid' });
    }
    // Bounded: more tokens than entries still verify correctly.
    for (let i = 0; i < 5; i++) assert.ok(verify(issueToken(SECRET, { ...CLAIMS, user: `usr_${i}` }, 60, NOW).token, NOW).ok);
  });
});
