import { afterEach, describe, expect, it } from 'vitest';
import { limitsConfigSchema, type LimitsConfig } from './config.js';
import { createFailedAuthGuard } from './failed-auth.js';
import { createLimiter } from './limiter.js';
import { createMemoryLimitStore } from './memory-store.js';
import { take } from './token-bucket.js';

const cfg = (c: unknown): LimitsConfig => limitsConfigSchema.parse(c);
let t = Date.UTC(2026, 10, 26, 12, 0, 0);
const clock = () => t;
const stores: { close(): Promise<void> }[] = [];
const newStore = () => {
  const s = createMemoryLimitStore({ now: clock });
  stores.push(s);
  return s;
};
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  t = Date.UTC(2026, 10, 26, 12, 0, 0);
});

const burst = async (n: number, f: () => { allowed: boolean } | Promise<{ allowed: boolean }>) => {
  let ok = 0;
  for (let i = 0; i < n; i++) if ((await f()).allowed) ok++;
  return ok;
};

describe('token bucket', () => {
  it('starts full, refuses at empty with the wait for one token, refills with time', () => {
    const spec = { capacity: 3, refillPerMs: 1 / 1000 };
    let s = take(undefined, spec, 0).state;
    s = take(s, spec, 0).state;
    s = take(s, spec, 0).state;
    const refused = take(s, spec, 0);
    expect(refused.result).toEqual({ allowed: false, remaining: 0, retryAfterMs: 1000 });
    expect(take(refused.state, spec, 999).result.allowed).toBe(false);
    expect(take(refused.state, spec, 1000).result.allowed).toBe(true);
    expect(take(refused.state, spec, 60_000).result.remaining).toBe(2);
  });
});

describe('limiter', () => {
  it('a burst above a bucket is limited exactly, per agent, with the time until the next token', async () => {
    const l = createLimiter(newStore(), cfg({ rate: [{ name: 'per-agent', limit: 5, per: 'minute' }] }), clock);
    expect(await burst(8, () => l.check({ agent: 'a', tool: 'x_y' }))).toBe(5);
    expect(await burst(3, () => l.check({ agent: 'b', tool: 'x_y' }))).toBe(3);
    const v = await l.check({ agent: 'a', tool: 'x_y' });
    expect(v).toMatchObject({ allowed: false, kind: 'rate', rule: 'per-agent', retryAfterMs: 12_000 });
    t += 12_000;
    expect((await l.check({ agent: 'a', tool: 'x_y' })).allowed).toBe(true);
  });

  it('matches by tool glob, user and risk level; a refused call consumes nothing from the other rules', async () => {
    const l = createLimiter(
      newStore(),
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
      newStore(),
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
    const l = createLimiter(newStore(), cfg({ quotas: [{ name: 'q', agents: ['a*'], daily: 3, monthly: 4 }] }), clock);
    expect(await burst(5, () => l.check({ agent: 'a1', tool: 't' }))).toBe(3);
    expect(await burst(5, () => l.check({ agent: 'zz', tool: 't' }))).toBe(5);
    const v = await l.check({ agent: 'a1', tool: 't' });
    expect(v).toMatchObject({ allowed: false, kind: 'quota', retryAfterMs: 12 * 3_600_000 });
    t += 12 * 3_600_000; // next day: daily resets, monthly has 1 left
    expect(await burst(3, () => l.check({ agent: 'a1', tool: 't' }))).toBe(1);
    expect(await l.check({ agent: 'a1', tool: 't' })).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/monthly/),
    });
  });

  it('without rules the verdict is a value (no promise on the hot path); with rules it counts as before', async () => {
    const l = createLimiter(newStore(), cfg({}), clock);
    const v = l.check({ agent: 'a', tool: 't' });
    expect(v).not.toBeInstanceOf(Promise);
    expect(v).toEqual({ allowed: true });
    l.configure(cfg({ rate: [{ name: 'r', limit: 1, per: 'hour' }] }));
    expect(l.check({ agent: 'a', tool: 't' })).toBeInstanceOf(Promise);
    expect(await burst(2, () => l.check({ agent: 'a', tool: 't' }))).toBe(0);
  });

  it('keeps bucket state across configure() for rules whose name is unchanged', async () => {
    const l = createLimiter(newStore(), cfg({ rate: [{ name: 'r', limit: 3, per: 'hour' }] }), clock);
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
});

describe('failed-auth guard', () => {
  it('blocks a source after its budget of failures, not other sources, until it refills', async () => {
    const g = createFailedAuthGuard(newStore(), cfg({ failedAuth: { limit: 3, per: 'minute' } }));
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

  it('can be turned off', async () => {
    const g = createFailedAuthGuard(newStore(), cfg({ failedAuth: { enabled: false, limit: 1, per: 'hour' } }));
    await g.failed('s');
    await g.failed('s');
    expect(await g.blockedFor('s')).toBe(0);
  });
});

describe('limits config', () => {
  it('rejects duplicate names and quotas without a window', () => {
    expect(() => cfg({ rate: [{ name: 'x', limit: 1, per: 'second' }], quotas: [{ name: 'x', daily: 1 }] })).toThrow(
      /duplicate limit name/,
    );
    expect(() => cfg({ quotas: [{ name: 'q' }] })).toThrow(/daily, monthly/);
  });
});
