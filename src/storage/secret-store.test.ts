import { afterEach, describe, expect, it } from 'vitest';
import { contractBackends } from './test-support/contract-backends.js';
import { openStores } from './open-stores.js';
import type { StorageSetting } from './config.js';
import type { SecretRow, Stores } from './repositories.js';

/** The vault secret store contract, run against SQLite and PostgreSQL alike. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const backends = contractBackends('secrets', (fn) => void cleanups.push(fn));

async function open(setting: StorageSetting): Promise<Stores> {
  const s = await openStores(setting);
  cleanups.push(() => s.close());
  return s;
}

const row = (name: string, version: number, kekId = 'a'.repeat(16)): SecretRow => ({
  name,
  version,
  format: 'pcv1',
  kekId,
  wrappedKey: `wrapped-${name}-${version}-${kekId}`,
  nonce: 'bm9uY2Vub25jZQ',
  tag: 'dGFndGFndGFndGFndGFn',
  ciphertext: `ct-${name}-${version}`,
  createdAt: '2026-01-01T00:00:00.000Z',
  rotatedAt: `2026-01-0${version}T00:00:00.000Z`,
});

for (const b of backends) {
  const run = b.available ? describe : describe.skip;
  run(`secret store contract: ${b.name}`, () => {
    it('creates once, updates by compare-and-set on the version, lists by name and deletes', async () => {
      const s = await open(await b.fresh());
      expect(await s.secrets.put(row('B', 1), 0)).toBe(true);
      expect(await s.secrets.put(row('B', 1), 0)).toBe(false);
      expect(await s.secrets.put(row('A', 1), 0)).toBe(true);
      expect(await s.secrets.get('B')).toEqual(row('B', 1));
      expect(await s.secrets.get('C')).toBeUndefined();
      // A writer that read version 1 wins once; one that read a stale version loses.
      expect(await s.secrets.put(row('B', 2), 1)).toBe(true);
      expect(await s.secrets.put(row('B', 2), 1)).toBe(false);
      expect(await s.secrets.put(row('C', 1), 3)).toBe(false);
      expect(await s.secrets.get('B')).toEqual(row('B', 2));
      expect((await s.secrets.list()).map((r) => `${r.name}:${r.version}`)).toEqual(['A:1', 'B:2']);
      expect(await s.secrets.delete('A')).toBe(true);
      expect(await s.secrets.delete('A')).toBe(false);
      expect(await s.secrets.get('A')).toBeUndefined();
    });

    it('re-wraps exactly the version and wrapping it read, and purges', async () => {
      const s = await open(await b.fresh());
      await s.secrets.put(row('A', 1), 0);
      const from = { kekId: 'a'.repeat(16), wrappedKey: row('A', 1).wrappedKey };
      const to = { kekId: 'b'.repeat(16), wrappedKey: 'new-wrapping' };
      expect(await s.secrets.rewrap('A', 2, from, to)).toBe(false);
      expect(await s.secrets.rewrap('A', 1, { ...from, wrappedKey: 'other' }, to)).toBe(false);
      expect(await s.secrets.rewrap('A', 1, from, to)).toBe(true);
      expect(await s.secrets.rewrap('A', 1, from, to)).toBe(false);
      expect(await s.secrets.get('A')).toEqual({ ...row('A', 1), ...to });
      await s.secrets.purge();
      expect(await s.secrets.get('A')).toEqual({ ...row('A', 1), ...to });
    });

    it('a write on one connection is seen at once by another (replicas share secrets)', async () => {
      const setting = await b.fresh();
      const gateway = await open(setting);
      const cli = await open(setting);
      expect(await gateway.secrets.get('A')).toBeUndefined();
      await cli.secrets.put(row('A', 1), 0);
      await expect.poll(() => gateway.secrets.get('A'), { timeout: 2000, interval: 20 }).toEqual(row('A', 1));
      await cli.secrets.put(row('A', 2), 1);
      await expect.poll(() => gateway.secrets.get('A'), { timeout: 2000, interval: 20 }).toEqual(row('A', 2));
      await cli.secrets.delete('A');
      await expect.poll(() => gateway.secrets.get('A'), { timeout: 2000, interval: 20 }).toBeUndefined();
    });

    it('writes inside a transaction roll back with it', async () => {
      const s = await open(await b.fresh());
      await expect(
        s.transaction(async (tx) => {
          await s.secrets.put(row('A', 1), 0, tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await s.secrets.get('A')).toBeUndefined();
    });
  });
}
