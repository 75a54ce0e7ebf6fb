import { expect } from '@open-wc/testing';
import { newIdempotencyKey, randomUuid } from '../../src/api/idempotency.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('idempotency keys', () => {
  it('are random UUID v4s', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newIdempotencyKey()));
    expect(keys.size).to.equal(100);
    for (const key of keys) expect(key).to.match(V4);
  });

  it('are made without crypto.randomUUID too (a page over plain http has only getRandomValues)', () => {
    const original = Object.getOwnPropertyDescriptor(Crypto.prototype, 'randomUUID');
    // What an insecure context looks like: the method is not there.
    delete (Crypto.prototype as Partial<Crypto>).randomUUID;
    try {
      expect(typeof crypto.randomUUID).to.equal('undefined');
      const keys = new Set(Array.from({ length: 100 }, () => randomUuid()));
      expect(keys.size).to.equal(100);
      for (const key of keys) expect(key).to.match(V4);
    } finally {
      if (original) Object.defineProperty(Crypto.prototype, 'randomUUID', original);
    }
    expect(typeof crypto.randomUUID).to.equal('function');
  });
});
