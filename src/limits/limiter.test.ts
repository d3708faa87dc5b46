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
  it('without rules the verdict is a value (no promise on the hot path); with rules it counts as before', async () => {
    const l = createLimiter(newStore(), cfg({}), clock);
    const v = l.check({ agent: 'a', tool: 't' });
    expect(v).not.toBeInstanceOf(Promise);
    expect(v).toEqual({ allowed: true });
    l.configure(cfg({ rate: [{ name: 'r', limit: 1, per: 'hour' }] }));
    expect(l.check({ agent: 'a', tool: 't' })).toBeInstanceOf(Promise);
    expect(await burst(2, () => l.check({ agent: 'a', tool: 't' }))).toBe(0);
  });

  it('a store that cannot answer fails the check, and what the rules before it took is given back', async () => {
    const store = newStore();
    let failing = false;
    const flaky = {
      ...store,
      take: (key: string, spec: Parameters<typeof store.take>[1], cost?: number) =>
        failing && key.startsWith('rate:second:')
          ? Promise.reject(new Error('store down'))
          : store.take(key, spec, cost),
    };
    const l = createLimiter(
      flaky,
      cfg({
        rate: [
          { name: 'first', limit: 2, per: 'hour' },
          { name: 'second', limit: 9, per: 'hour' },
        ],
      }),
      clock,
    );
    failing = true;
    for (let i = 0; i < 3; i++) await expect(l.check({ agent: 'a', tool: 't' })).rejects.toThrow('store down');
    failing = false;
    expect(await burst(3, () => l.check({ agent: 'a', tool: 't' }))).toBe(2);
  });
});

describe('failed-auth guard', () => {
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
