/** One delivery attempt: POST the body, signed with a fresh timestamp, and classify the outcome. */
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload } from './signature.js';

export type AttemptOutcome = { ok: true } | { ok: false; retry: boolean; reason: string; retryAfterMs?: number };

export interface AttemptRequest {
  url: string;
  body: string;
  secret: string | undefined;
  delivery: string;
  kind: string;
  timeoutMs: number;
  /** Aborted when the notifier closes. */
  signal: AbortSignal;
  now: () => number;
}

/** Statuses worth another try: the receiver may recover. Other 4xx are permanent (fix the config). */
const RETRYABLE = new Set([408, 425, 429, 500, 502, 503, 504]);

export async function attemptDelivery(req: AttemptRequest): Promise<AttemptOutcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'portcullis-notifier',
    [DELIVERY_HEADER]: req.delivery,
    [EVENT_HEADER]: req.kind,
  };
  if (req.secret !== undefined) {
    const ts = Math.floor(req.now() / 1000);
    headers[TIMESTAMP_HEADER] = String(ts);
    headers[SIGNATURE_HEADER] = signPayload(req.secret, ts, req.body);
  }
  const timeout = AbortSignal.timeout(req.timeoutMs);
  let res: Response;
  try {
    res = await fetch(req.url, {
      method: 'POST',
      headers,
      body: req.body,
      // A redirect could carry the signed body elsewhere: not followed, reported as a permanent failure.
      redirect: 'manual',
      signal: AbortSignal.any([timeout, req.signal]),
    });
  } catch (e) {
    // Reasons are built from codes only: fetch errors can quote the URL, which may itself be a credential.
    if (req.signal.aborted) return { ok: false, retry: false, reason: 'notifier closed' };
    if (timeout.aborted) return { ok: false, retry: true, reason: `timed out after ${req.timeoutMs} ms` };
    return { ok: false, retry: true, reason: `network error${errorCode(e)}` };
  }
  await res.body?.cancel().catch(() => undefined);
  if (res.status >= 200 && res.status < 300) return { ok: true };
  const reason = `HTTP ${res.status}`;
  if (res.status >= 300 && res.status < 400)
    return { ok: false, retry: false, reason: `${reason} (redirects are not followed)` };
  if (!RETRYABLE.has(res.status)) return { ok: false, retry: false, reason };
  const after = retryAfterMs(res.headers.get('retry-after'));
  return { ok: false, retry: true, reason, ...(after !== undefined ? { retryAfterMs: after } : {}) };
}

function errorCode(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = cause?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code) ? ` (${code})` : '';
}

function retryAfterMs(v: string | null): number | undefined {
  if (v === null || !/^\d{1,6}$/.test(v.trim())) return undefined;
  return Number(v.trim()) * 1000;
}
