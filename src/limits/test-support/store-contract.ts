import { afterEach, describe, expect, it } from 'vitest';
import { limitsConfigSchema, type LimitsConfig } from '../config.js';
import { createFailedAuthGuard } from '../failed-auth.js';
import { createLimiter } from '../limiter.js';
import type { LimitStore } from '../store.js';

/**
 * The LimitStore contract, run against every store (memory-store.test.ts, redis-store.test.ts): what the limiter
 * and the failed-authentication guard see must not depend on where the state lives. `open(now)` makes a fresh, empty
 * store on the given clock (epoch ms).
 */
export function describeLimitStoreContract(
  name: string,
  open: (now: () => number) => Promise<LimitStore> | LimitStore,
  opts: { skip?: boolean } = {},
): void {
  const cfg = (c: unknown): LimitsConfig => limitsConfigSchema.parse(c);
  const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
  let t = T0;
  const clock = () => t;
  const stores: LimitStore[] = [];
  const newStore = async () => {
    const s = await open(clock);
    stores.push(s);
    return s;
  };
  const burst = async (n: number, f: () => { allowed: boolean } | Promise<{ allowed: boolean }>) => {
    let ok = 0;
    for (let i = 0; i < n; i++) if ((await f()).allowed) ok++;
    return ok;
  };
  const spec = { capacity: 3, refillPerMs: 1 / 1000 };

  describe.skipIf(opts.skip === true)(`LimitStore contract: ${name}`, () => {
    afterEach(async () => {
      await Promise.all(stores.splice(0).map((s) => s.close()));
      t = T0;
    });

    it('a bucket starts full, refuses at empty with the wait for the tokens missing, and refills with time', async () => {
      const s = await newStore();
      expect(await s.take('k', spec)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
      expect(await s.take('k', spec, 2)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
      expect(await s.take('k', spec)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1000 });
      expect(await s.take('k', spec, 3)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 3000 });
      t += 999;
      expect((await s.take('k', spec)).allowed).toBe(false);
      t += 1;
      expect(await s.take('k', spec)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
      t += 60_000;
      expect(await s.take('k', spec)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
      expect((await s.take('other', spec)).remaining).toBe(2);
    });

    it('peek answers without taking; refund gives back, never above capacity, and never creates a bucket', async () => {
      const s = await newStore();
      expect(await s.peek('k', spec)).toEqual({ allowed: true, remaining: 3, retryAfterMs: 0 });
      await s.take('k', spec, 3);
      expect(await s.peek('k', spec)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1000 });
      expect(await s.peek('k', spec)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1000 });
      await s.refund('k', spec, 2);
      expect(await s.peek('k', spec, 2)).toEqual({ allowed: true, remaining: 2, retryAfterMs: 0 });
      await s.refund('k', spec, 5);
      expect(await s.peek('k', spec)).toMatchObject({ remaining: 3 });
      await s.refund('new', spec, 1);
      expect(await s.take('new', spec, 3)).toMatchObject({ allowed: true, remaining: 0 });
    });

    it('a bucket keeps fractional tokens and takes the spec of each call (a reload clamps to the new burst)', async () => {
      const s = await newStore();
      const slow = { capacity: 2, refillPerMs: 1 / 3000 };
      await s.take('k', slow, 2);
      t += 1500; // half a token
      expect(await s.take('k', slow)).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1500 });
      t += 1500;
      expect(await s.take('k', slow)).toEqual({ allowed: true, remaining: 0, retryAfterMs: 0 });
      t += 60_000;
      expect((await s.take('k', { capacity: 1, refillPerMs: 1 / 3000 })).remaining).toBe(0);
    });

    it('takes are atomic: concurrent takes on one bucket allow exactly its tokens', async () => {
      const s = await newStore();
      const all = await Promise.all(Array.from({ length: 20 }, () => s.take('k', { capacity: 5, refillPerMs: 1e-6 })));
      expect(all.filter((r) => r.allowed)).toHaveLength(5);
      const counted = await Promise.all(Array.from({ length: 20 }, () => s.count('q', 7, T0 + 60_000)));
      expect(counted.filter((r) => r.allowed)).toHaveLength(7);
    });

    it('counts up to the limit in a window, uncount gives one back (never below zero), a new window starts at 0', async () => {
      const s = await newStore();
      const end = T0 + 60_000;
      expect(await s.count('q', 2, end)).toEqual({ allowed: true, used: 1 });
      expect(await s.count('q', 2, end)).toEqual({ allowed: true, used: 2 });
      expect(await s.count('q', 2, end)).toEqual({ allowed: false, used: 2 });
      await s.uncount('q');
      expect(await s.count('q', 2, end)).toEqual({ allowed: true, used: 2 });
      await s.uncount('q');
      await s.uncount('q');
      await s.uncount('q');
      expect(await s.count('q', 2, end)).toEqual({ allowed: true, used: 1 });
      await s.uncount('never-counted');
      expect(await s.count('never-counted', 1, end)).toEqual({ allowed: true, used: 1 });
      t = end;
      expect(await s.count('q', 2, end + 60_000)).toEqual({ allowed: true, used: 1 });
      await s.uncount('old');
      t = end + 60_000;
      expect(await s.count('q', 1, end + 120_000)).toEqual({ allowed: true, used: 1 });
      expect(await s.count('q', 1, end + 120_000)).toEqual({ allowed: false, used: 1 });
    });

    describe('through the limiter', () => {
      it('a burst above a bucket is limited exactly, per agent, with the time until the next token', async () => {
        const l = createLimiter(
          await newStore(),
          cfg({ rate: [{ name: 'per-agent', limit: 5, per: 'minute' }] }),
          clock,
        );
        expect(await burst(8, () => l.check({ agent: 'a', tool: 'x_y' }))).toBe(5);
        expect(await burst(3, () => l.check({ agent: 'b', tool: 'x_y' }))).toBe(3);
        const v = await l.check({ agent: 'a', tool: 'x_y' });
        expect(v).toMatchObject({ allowed: false, kind: 'rate', rule: 'per-agent', retryAfterMs: 12_000 });
        t += 12_000;
        expect((await l.check({ agent: 'a', tool: 'x_y' })).allowed).toBe(true);
      });

      it('matches by tool glob, user and risk level; a refused call consumes nothing from the other rules', async () => {
        const l = createLimiter(
          await newStore(),
          cfg({
            rate: [
              { name: 'all', limit: 10, per: 'hour' },
              { name: 'risky', risk: ['high'], tools: ['fs_*'], key: 'user', limit: 2, per: 'hour' },
            ],
          }),
          clock,
        );
        const high = { agent: 'a', user: 'u1', tool: 'fs_delete', risk: 'high' as const };
        expect(await burst(4, () => l.check(high))).toBe(2);
        expect(await burst(2, () => l.check({ ...high, user: 'u2' }))).toBe(2);
        expect(await burst(2, () => l.check({ ...high, tool: 'db_drop' }))).toBe(2);
        expect(await burst(2, () => l.check({ ...high, risk: 'low' }))).toBe(2);
        // 'all' saw 2 + 2 + 2 + 2 allowed = 8 (the 2 refused by 'risky' were given back): 2 left.
        expect(await burst(5, () => l.check({ agent: 'a', tool: 'x' }))).toBe(2);
      });

      it('a rule and its bucket cover every case and compatibility form of a name (t_env, t_Env, t_ＥNV)', async () => {
        const l = createLimiter(
          await newStore(),
          cfg({
            rate: [{ name: 'env', tools: ['t_env'], key: 'agent+tool', limit: 2, per: 'hour' }],
            quotas: [{ name: 'fs', agents: ['Bot'], tools: ['fs_*'], daily: 1 }],
          }),
          clock,
        );
        const forms = ['t_env', 't_Env', 't_ENV', 't_\uff25NV', 't_env'];
        let ok = 0;
        for (const tool of forms) if ((await l.check({ agent: 'a', tool })).allowed) ok++;
        expect(ok).toBe(2);
        expect((await l.check({ agent: 'bot', tool: 'FS_read' })).allowed).toBe(true);
        expect((await l.check({ agent: 'bot', tool: 'fs_READ' })).allowed).toBe(false);
      });

      it('quotas count per agent per UTC day and month, and reset when the window ends', async () => {
        const l = createLimiter(
          await newStore(),
          cfg({ quotas: [{ name: 'q', agents: ['a*'], daily: 3, monthly: 4 }] }),
          clock,
        );
        expect(await burst(5, () => l.check({ agent: 'a1', tool: 't' }))).toBe(3);
        expect(await burst(5, () => l.check({ agent: 'zz', tool: 't' }))).toBe(5);
        const v = await l.check({ agent: 'a1', tool: 't' });
        expect(v).toMatchObject({ allowed: false, kind: 'quota', retryAfterMs: 12 * 3_600_000 });
        t += 12 * 3_600_000; // next day: daily resets, monthly has 1 left
        expect(await burst(3, () => l.check({ agent: 'a1', tool: 't' }))).toBe(1);
        const monthly = await l.check({ agent: 'a1', tool: 't' });
        expect(monthly.allowed).toBe(false);
        expect(!monthly.allowed && monthly.reason).toMatch(/monthly/);
      });

      it('keeps bucket state across configure() for rules whose name is unchanged', async () => {
        const l = createLimiter(await newStore(), cfg({ rate: [{ name: 'r', limit: 3, per: 'hour' }] }), clock);
        expect(await burst(3, () => l.check({ agent: 'a', tool: 't' }))).toBe(3);
        l.configure(
          cfg({
            rate: [
              { name: 'r', limit: 3, per: 'hour' },
              { name: 'other', limit: 9, per: 'hour' },
            ],
          }),
        );
        expect((await l.check({ agent: 'a', tool: 't' })).allowed).toBe(false);
        l.configure(cfg({ rate: [{ name: 'renamed', limit: 3, per: 'hour' }] }));
        expect((await l.check({ agent: 'a', tool: 't' })).allowed).toBe(true);
      });

      it('the failed-auth guard blocks a source after its budget of failures, not other sources, until it refills', async () => {
        const g = createFailedAuthGuard(await newStore(), cfg({ failedAuth: { limit: 3, per: 'minute' } }));
        const seen = [];
        for (let i = 0; i < 3; i++) {
          expect(await g.blockedFor('10.0.0.1')).toBe(0);
          seen.push((await g.failed('10.0.0.1')).throttled);
        }
        expect(seen).toEqual([false, false, true]);
        expect(await g.blockedFor('10.0.0.1')).toBe(20_000);
        expect(await g.blockedFor('10.0.0.2')).toBe(0);
        t += 20_000;
        expect(await g.blockedFor('10.0.0.1')).toBe(0);
      });
    });
  });
}
