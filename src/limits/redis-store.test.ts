import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../core/errors.js';
import { redisAvailable, startRedis, type RedisServer } from '../../test/redis/server.js';
import { createRedisLimitStore } from './redis-store.js';
import { describeLimitStoreContract } from './test-support/store-contract.js';

// A real redis-server (test/redis/server.ts); in CI its absence fails the run instead of skipping these tests.
const available = redisAvailable();
const PASSWORD = 's3cr3t-p@ss';
let server: RedisServer;
let n = 0;
/** Each store gets a prefix of its own: the suites share one server. */
const prefix = () => `t${++n}:`;

beforeAll(async () => {
  if (available) server = await startRedis({ password: PASSWORD });
});
afterAll(async () => {
  await server?.stop();
});

describeLimitStoreContract('Redis', (now) => createRedisLimitStore({ url: server.url, keyPrefix: prefix(), now }), {
  skip: !available,
});

const until = async (f: () => Promise<boolean>) => {
  for (let i = 0; i < 200; i++) {
    if (await f()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in 10 s');
};

describe.skipIf(!available)('Redis limit store', () => {
  const connect = (url: string) => createClient({ url });
  const admin = async <T>(f: (c: ReturnType<typeof connect>) => Promise<T>): Promise<T> => {
    const c = connect(server.url);
    await c.connect();
    try {
      return await f(c);
    } finally {
      c.destroy();
    }
  };

  it('keys are namespaced by the prefix and expire: a bucket when it would be full again, a counter at its window end', async () => {
    const s = createRedisLimitStore({ url: server.url, keyPrefix: 'ns1:limits:' });
    try {
      await s.take('rate:r:a:x', { capacity: 10, refillPerMs: 1 / 1000 }, 4);
      await s.count('quota:q:x:d1', 5, Date.now() + 3_600_000);
      const [keys, bucketTtl, counterTtl] = await admin(async (c) => [
        (await c.keys('ns1:*')).sort(),
        await c.pTTL('ns1:limits:rate:r:a:x'),
        await c.pTTL('ns1:limits:quota:q:x:d1'),
      ]);
      expect(keys).toEqual(['ns1:limits:quota:q:x:d1', 'ns1:limits:rate:r:a:x']);
      // 4 tokens at 1 a second: full again in 4 s (kept a second more).
      expect(bucketTtl).toBeGreaterThan(4000);
      expect(bucketTtl).toBeLessThanOrEqual(5000);
      expect(counterTtl).toBeGreaterThan(3_500_000);
      expect(counterTtl).toBeLessThanOrEqual(3_600_000);
    } finally {
      await s.close();
    }
  });

  it("uses the server's clock (TIME): the wait for a token is measured on it", async () => {
    const s = createRedisLimitStore({ url: server.url, keyPrefix: prefix() });
    try {
      const spec = { capacity: 1, refillPerMs: 1 / 3_600_000 };
      expect((await s.take('k', spec)).allowed).toBe(true);
      const r = await s.take('k', spec);
      expect(r.allowed).toBe(false);
      expect(r.retryAfterMs).toBeGreaterThan(3_500_000);
      expect(r.retryAfterMs).toBeLessThanOrEqual(Math.ceil(1 / spec.refillPerMs));
    } finally {
      await s.close();
    }
  });

  it('two stores (two replicas) on one Redis share one budget', async () => {
    const keyPrefix = prefix();
    const a = createRedisLimitStore({ url: server.url, keyPrefix });
    const b = createRedisLimitStore({ url: server.url, keyPrefix });
    try {
      const spec = { capacity: 4, refillPerMs: 1e-9 };
      const results = await Promise.all([a, b, a, b, a, b].map((s) => s.take('k', spec)));
      expect(results.filter((r) => r.allowed)).toHaveLength(4);
      expect(await a.count('q', 1, Date.now() + 60_000)).toEqual({ allowed: true, used: 1 });
      expect(await b.count('q', 1, Date.now() + 60_000)).toEqual({ allowed: false, used: 1 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('reloads its scripts when the server lost them (SCRIPT FLUSH, a restarted server)', async () => {
    const s = createRedisLimitStore({ url: server.url, keyPrefix: prefix() });
    try {
      expect((await s.take('k', { capacity: 2, refillPerMs: 1e-9 })).remaining).toBe(1);
      await admin((c) => c.scriptFlush());
      expect((await s.take('k', { capacity: 2, refillPerMs: 1e-9 })).remaining).toBe(0);
      await admin((c) => c.scriptFlush());
      expect(await s.count('q', 1, Date.now() + 60_000)).toEqual({ allowed: true, used: 1 });
    } finally {
      await s.close();
    }
  });

  it('unreachable: refuses with store.unavailable at once, says so in one log line, never shows the password', async () => {
    const lines: string[] = [];
    const url = `redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:1`;
    const s = createRedisLimitStore({ url, timeoutMs: 200, log: (m) => lines.push(m) });
    try {
      expect(await s.ready(300)).toBe(false);
      const errors: unknown[] = [];
      for (let i = 0; i < 3; i++)
        await s.take('k', { capacity: 1, refillPerMs: 1 }).catch((e: unknown) => errors.push(e));
      await s.count('q', 1, Date.now() + 1000).catch((e: unknown) => errors.push(e));
      expect(errors).toHaveLength(4);
      for (const e of errors) {
        expect(e).toBeInstanceOf(GatewayError);
        const g = e as GatewayError;
        expect(g.code).toBe('store.unavailable');
        expect(g.message).toMatch(/Rate limits cannot be checked/);
        expect(g.detail).toContain('redis://:***@127.0.0.1:1');
        expect(`${g.message} ${g.detail} ${JSON.stringify(g.data)}`).not.toContain(PASSWORD);
        expect(`${g.detail}`).not.toContain(encodeURIComponent(PASSWORD));
      }
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^limits: Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1 unavailable .*refused/);
      expect(lines.join('\n')).not.toContain(PASSWORD);
    } finally {
      await s.close();
    }
  });

  it('an outage refuses every operation; when Redis is back the same store answers again, without a restart', async () => {
    const own = await startRedis();
    const lines: string[] = [];
    const s = createRedisLimitStore({ url: own.url, timeoutMs: 300, log: (m) => lines.push(m) });
    const spec = { capacity: 100, refillPerMs: 1e-9 };
    try {
      expect(await s.ready(5000)).toBe(true);
      expect((await s.take('k', spec)).allowed).toBe(true);
      await own.pause();
      await expect(s.take('k', spec)).rejects.toMatchObject({ code: 'store.unavailable' });
      await expect(s.peek('k', spec)).rejects.toMatchObject({ code: 'store.unavailable' });
      await expect(s.refund('k', spec)).rejects.toMatchObject({ code: 'store.unavailable' });
      await expect(s.count('q', 5, Date.now() + 60_000)).rejects.toMatchObject({ code: 'store.unavailable' });
      await expect(s.uncount('q')).rejects.toMatchObject({ code: 'store.unavailable' });
      expect(lines.filter((l) => /unavailable/.test(l))).toHaveLength(1);
      await own.resume();
      await until(() =>
        s.take('k', spec).then(
          (r) => r.allowed,
          () => false,
        ),
      );
      expect(lines.at(-1)).toMatch(/reachable again/);
    } finally {
      await s.close();
      await own.stop();
    }
  });
});
