import { createClient } from '@redis/client';
import { createHash } from 'node:crypto';
import { GatewayError } from '../core/errors.js';
import { redactUrl } from '../storage/config.js';
import type { LimitStore } from './store.js';
import type { BucketSpec, TakeResult } from './token-bucket.js';

/**
 * The shared LimitStore (ADR 0021): every replica's buckets and quota counters in one Redis, so N replicas have one
 * budget. Each operation is one Lua script (EVALSHA, loaded on first use), atomic on its key, with the server's clock
 * (`TIME`), never a replica's. A bucket is a hash `{tokens, updatedAt}` that expires when it would be full again; a
 * quota counter expires at its window's end. Redis unreachable or slower than `timeoutMs`: the operation fails with
 * `store.unavailable` (the call is refused, never let through) and the client reconnects on its own.
 */
export interface RedisLimitStoreOptions {
  /** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
  url: string;
  /** Prefix of every key (default `portcullis:limits:`): several deployments can share one Redis. */
  keyPrefix?: string;
  /** Longest wait for one answer (and for a connection) before the call is refused, in ms (default 500). */
  timeoutMs?: number;
  /** Where outages and recoveries are said (rate-limited: one line per outage, one per recovery). */
  log?: (msg: string) => void;
  /**
   * Tests only: the clock the scripts use instead of the server's `TIME` (epoch ms), so the shared contract suite
   * (store-contract.ts) runs the same timed cases against both stores.
   */
  now?: () => number;
}

export const DEFAULT_KEY_PREFIX = 'portcullis:limits:';
export const DEFAULT_TIMEOUT_MS = 500;

// The clock: ARGV's `now` when given (tests), else the server's TIME (seconds, microseconds).
const CLOCK = `
local now = tonumber(ARGV[1])
if not now then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end`;

/**
 * take / peek / refund on a token bucket (token-bucket.ts's arithmetic, the in-process store's behaviour).
 * KEYS[1] bucket; ARGV: now|'', op, capacity, refillPerMs, cost. Returns {allowed 0|1, remaining, retryAfterMs}.
 */
const BUCKET = `${CLOCK}
local op = ARGV[2]
local capacity = tonumber(ARGV[3])
local refill = tonumber(ARGV[4])
local cost = tonumber(ARGV[5])
local h = redis.call('HMGET', KEYS[1], 'tokens', 'updatedAt')
local tokens = capacity
local seen = h[1] ~= false
if seen then
  local elapsed = math.max(0, now - tonumber(h[2]))
  tokens = math.min(capacity, tonumber(h[1]) + elapsed * refill)
end
-- Kept until it would be full again (and a second more): an expired bucket is a full one.
local function save(left)
  redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', left), 'updatedAt', now)
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - left) / refill) + 1000)
end
if op == 'refund' then
  if seen then save(math.min(capacity, tokens + cost)) end
  return {1, 0, 0}
end
if tokens + 1e-9 >= cost then
  if op == 'take' then save(tokens - cost) end
  local left = tokens
  if op == 'take' then left = tokens - cost end
  return {1, math.floor(left + 1e-9), 0}
end
if op == 'take' then save(tokens) end
return {0, math.floor(tokens + 1e-9), math.ceil((cost - tokens) / refill)}`;

/**
 * count / uncount on a fixed-window counter, a hash {used, endsAt}. KEYS[1] counter; ARGV: now|'', op, limit,
 * windowEndsAt (epoch ms). Returns {allowed 0|1, used}. The counter expires at its window's end (measured on the
 * script's clock); an ended window counts as none, as in the in-process store.
 */
const COUNTER = `${CLOCK}
local op = ARGV[2]
local h = redis.call('HMGET', KEYS[1], 'used', 'endsAt')
local used = 0
if h[1] and tonumber(h[2]) > now then used = tonumber(h[1]) end
if op == 'uncount' then
  if used > 0 then redis.call('HINCRBY', KEYS[1], 'used', -1) end
  return {1, 0}
end
local limit = tonumber(ARGV[3])
if used + 1 > limit then return {0, used} end
if used == 0 then
  local endsAt = tonumber(ARGV[4])
  if endsAt <= now then
    redis.call('DEL', KEYS[1])
    return {1, 1}
  end
  redis.call('HSET', KEYS[1], 'used', 1, 'endsAt', endsAt)
  redis.call('PEXPIRE', KEYS[1], endsAt - now)
  return {1, 1}
end
return {1, redis.call('HINCRBY', KEYS[1], 'used', 1)}`;

interface Script {
  text: string;
  sha: string;
}
const script = (text: string): Script => ({ text, sha: createHash('sha1').update(text).digest('hex') });
const SCRIPTS = { bucket: script(BUCKET), counter: script(COUNTER) };

/** Milliseconds between two "still unavailable" log lines during one outage. */
const LOG_EVERY_MS = 60_000;

export function createRedisLimitStore(options: RedisLimitStoreOptions): LimitStore & {
  /** Resolves once connected, or after `waitMs` (the store then keeps trying; calls are refused meanwhile). */
  ready(waitMs: number): Promise<boolean>;
} {
  const prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = options.log ?? (() => undefined);
  const where = redactUrl(options.url);
  // Error texts of the client and the server never carry the URL, but they are scrubbed of its password regardless.
  const password = passwordOf(options.url);
  const scrub = (text: string) => (password ? text.replaceAll(password, '***') : text);

  let down: { since: number; logged: number } | undefined;
  const outage = (e: unknown) => {
    const t = Date.now();
    const reason = scrub(e instanceof Error ? e.message || e.name : String(e));
    if (!down) {
      down = { since: t, logged: t };
      log(`limits: Redis at ${where} unavailable (${reason}): calls under rate limits and quotas are refused`);
    } else if (t - down.logged >= LOG_EVERY_MS) {
      down.logged = t;
      log(`limits: Redis at ${where} still unavailable after ${Math.round((t - down.since) / 1000)} s (${reason})`);
    }
    return reason;
  };
  const recovered = () => {
    if (!down) return;
    log(`limits: Redis at ${where} reachable again after ${Math.round((Date.now() - down.since) / 1000)} s`);
    down = undefined;
  };

  const client = createClient({
    url: options.url,
    // Fail closed at once while disconnected (no queue that would hold calls); reconnect on its own, forever.
    disableOfflineQueue: true,
    commandOptions: { timeout: timeoutMs },
    socket: {
      connectTimeout: Math.max(timeoutMs, 1000),
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 5), 1000),
    },
  });
  // Until the first connection attempt has settled, an operation waits for it (at most timeoutMs): a gateway that
  // just started does not refuse its first calls only because the socket was still opening.
  let first: Promise<void> | undefined = new Promise<void>((settle) => {
    client.once('ready', () => settle());
    client.once('error', () => settle());
  }).then(() => void (first = undefined));
  client.on('error', (e: unknown) => void outage(e));
  client.on('ready', recovered);
  let closed = false;
  const connecting = client.connect().then(
    () => true,
    (e: unknown) => {
      if (!closed) outage(e);
      return false;
    },
  );
  const within = <T>(p: Promise<T>, ms: number, fallback: T): Promise<T> =>
    Promise.race([p, new Promise<T>((r) => setTimeout(r, ms, fallback).unref())]);

  const unavailable = (e: unknown): GatewayError =>
    new GatewayError(
      'store.unavailable',
      'Rate limits cannot be checked right now; call refused, try again later',
      `limit store (Redis at ${where}) unavailable: ${outage(e)}`,
      { code: 'store.unavailable', retryAfterSeconds: 1 },
    );

  const run = async (s: Script, key: string, args: (string | number)[]): Promise<number[]> => {
    if (closed) throw unavailable(new Error('store closed'));
    if (first) await within(first, timeoutMs, undefined);
    const argv = [options.now ? String(options.now()) : '', ...args.map(String)];
    const call = (cmd: 'EVALSHA' | 'EVAL', body: string) =>
      client.sendCommand<number[]>([cmd, body, '1', prefix + key, ...argv]);
    try {
      let r: number[];
      try {
        r = await call('EVALSHA', s.sha);
      } catch (e) {
        // A fresh or flushed server does not know the script yet: sent whole once, cached by the server after.
        if (!(e instanceof Error) || !e.message.startsWith('NOSCRIPT')) throw e;
        r = await call('EVAL', s.text);
      }
      recovered();
      return r;
    } catch (e) {
      throw unavailable(e);
    }
  };
  const bucket = async (op: string, key: string, spec: BucketSpec, cost: number): Promise<TakeResult> => {
    const [allowed, remaining, retryAfterMs] = await run(SCRIPTS.bucket, key, [
      op,
      spec.capacity,
      spec.refillPerMs,
      cost,
    ]);
    return { allowed: allowed === 1, remaining: Number(remaining), retryAfterMs: Number(retryAfterMs) };
  };

  return {
    ready: (waitMs) => within(connecting, waitMs, false),
    take: (key, spec, cost = 1) => bucket('take', key, spec, cost),
    peek: (key, spec, cost = 1) => bucket('peek', key, spec, cost),
    async refund(key, spec, cost = 1) {
      await bucket('refund', key, spec, cost);
    },
    async count(key, limit, windowEndsAt) {
      const [allowed, used] = await run(SCRIPTS.counter, key, ['count', limit, windowEndsAt]);
      return { allowed: allowed === 1, used: Number(used) };
    },
    async uncount(key) {
      await run(SCRIPTS.counter, key, ['uncount']);
    },
    async close() {
      if (closed) return;
      closed = true;
      // destroy, not close: a close would wait for an answer from a server that may be gone.
      client.destroy();
      await within(connecting, 1000, false);
    },
  };
}

function passwordOf(url: string): string | undefined {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : undefined;
  } catch {
    return undefined;
  }
}
