/**
 * HMAC-SHA256 webhook signatures. The sender signs `<timestamp>.<body>` (timestamp in Unix seconds) and sends
 * `Portcullis-Timestamp: <timestamp>` and `Portcullis-Signature: v1=<hex>`. A receiver recomputes the MAC over the
 * exact bytes it received, compares in constant time, and refuses a timestamp outside its replay window.
 * During a secret rotation the header may carry several comma-separated `v1=` values; one match is enough.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'portcullis-timestamp';
export const SIGNATURE_HEADER = 'portcullis-signature';
export const DELIVERY_HEADER = 'portcullis-delivery';
export const EVENT_HEADER = 'portcullis-event';
/** Default replay window: a signature older or newer than this (in seconds) is refused. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPayload(secret: string, timestamp: number, body: string | Uint8Array): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `v1=${mac}`;
}

export interface VerifyInput {
  secret: string;
  /** The raw request body, exactly as received (re-serialised JSON will not verify). */
  body: string | Uint8Array;
  /** `Portcullis-Timestamp` header value. */
  timestamp: string | undefined;
  /** `Portcullis-Signature` header value. */
  signature: string | undefined;
  /** Replay window in seconds (default 300). */
  toleranceSeconds?: number;
  /** Current time in milliseconds (default Date.now()). */
  now?: number;
}

export type VerifyResult = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/** Verifies a Portcullis webhook signature; for receivers (exported from the package). */
export function verifyWebhookSignature(input: VerifyInput): VerifyResult {
  const { timestamp, signature } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'malformed' };
  const ts = Number(timestamp);
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((input.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - ts) > tolerance) return { ok: false, reason: 'expired' };
  const expected = Buffer.from(signPayload(input.secret, ts, input.body).slice(3), 'hex');
  let seen = false;
  for (const part of signature.split(',')) {
    const m = /^v1=([0-9a-f]{64})$/.exec(part.trim());
    if (!m) continue;
    seen = true;
    if (timingSafeEqual(Buffer.from(m[1]!, 'hex'), expected)) return { ok: true };
  }
  return { ok: false, reason: seen ? 'mismatch' : 'malformed' };
}
