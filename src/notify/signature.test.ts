import { describe, expect, it } from 'vitest';
import { signPayload, verifyWebhookSignature } from './signature.js';

const secret = 's3cret';
const body = '{"kind":"approval.requested","id":"a1"}';
const now = 1_800_000_000_000;
const ts = Math.floor(now / 1000);

describe('webhook signatures', () => {
  const sig = signPayload(secret, ts, body);
  it('verifies a fresh signature over the exact body', () => {
    expect(verifyWebhookSignature({ secret, body, timestamp: String(ts), signature: sig, now })).toEqual({ ok: true });
    expect(
      verifyWebhookSignature({ secret, body: Buffer.from(body), timestamp: String(ts), signature: sig, now }).ok,
    ).toBe(true);
  });
  it.each([
    ['changed body', { body: body.replace('a1', 'a2') }, 'mismatch'],
    ['wrong secret', { secret: 'other' }, 'mismatch'],
    ['timestamp swapped', { timestamp: String(ts + 1) }, 'mismatch'],
    ['replayed after the window', { now: now + 301_000 }, 'expired'],
    ['from the future', { now: now - 301_000 }, 'expired'],
    ['no signature', { signature: undefined }, 'missing'],
    ['no timestamp', { timestamp: undefined }, 'missing'],
    ['garbage timestamp', { timestamp: '12a' }, 'malformed'],
    ['garbage signature', { signature: 'sha256=abc' }, 'malformed'],
  ] as const)('refuses: %s', (_name, over, reason) => {
    expect(verifyWebhookSignature({ secret, body, timestamp: String(ts), signature: sig, now, ...over })).toEqual({
      ok: false,
      reason,
    });
  });
  it('accepts any one of several v1 signatures (secret rotation) and honours a custom window', () => {
    const old = signPayload('old', ts, body);
    expect(verifyWebhookSignature({ secret, body, timestamp: String(ts), signature: `${old}, ${sig}`, now }).ok).toBe(
      true,
    );
    expect(
      verifyWebhookSignature({
        secret,
        body,
        timestamp: String(ts),
        signature: sig,
        now: now + 20_000,
        toleranceSeconds: 10,
      }),
    ).toEqual({ ok: false, reason: 'expired' });
  });
});
