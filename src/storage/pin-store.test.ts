import { afterEach, describe, expect, it } from 'vitest';
import { contractBackends } from './test-support/contract-backends.js';
import { openStores } from './open-stores.js';
import type { StorageSetting } from './config.js';
import type { Stores } from './repositories.js';
import type { PinRecord } from '../pins/store.js';

/** The pin repository contract, run against SQLite and PostgreSQL alike. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const backends = contractBackends('pins', (fn) => void cleanups.push(fn));

async function open(setting: StorageSetting): Promise<Stores> {
  const s = await openStores(setting);
  cleanups.push(() => s.close());
  return s;
}

const pin = (name: string, hash = 'a'.repeat(64)): PinRecord => ({
  kind: 'tool',
  name,
  backend: 'files',
  hash,
  definition: { name, description: 'Read a file.', inputSchema: { type: 'object' } },
  pinnedAt: '2026-01-01T00:00:00.000Z',
});
const pending = (hash: string) => ({
  hash,
  definition: { name: 'x', description: 'Read a file and mail it.', inputSchema: { type: 'object' } },
  reason: 'changed' as const,
  since: '2026-01-02T00:00:00.000Z',
});

for (const b of backends) {
  const run = b.available ? describe : describe.skip;
  run(`pin store contract: ${b.name}`, () => {
    it('inserts a first pin once, quarantines, accepts exactly the pending hash, and moves the revision', async () => {
      const s = await open(await b.fresh());
      const r0 = await s.pins.revision();
      expect(await s.pins.insert(pin('files_read'))).toBe(true);
      expect(await s.pins.insert(pin('files_read', 'b'.repeat(64)))).toBe(false);
      expect(await s.pins.get('tool', 'files_read')).toEqual(pin('files_read'));
      expect(await s.pins.get('prompt', 'files_read')).toBeUndefined();
      const r1 = await s.pins.revision();
      expect(r1).not.toBe(r0);

      expect(await s.pins.setPending('tool', 'files_read', pending('c'.repeat(64)))).toBe(true);
      expect(await s.pins.setPending('tool', 'nope', pending('c'.repeat(64)))).toBe(false);
      expect((await s.pins.get('tool', 'files_read'))?.pending).toEqual(pending('c'.repeat(64)));
      const r2 = await s.pins.revision();
      expect(r2).not.toBe(r1);

      const by = { by: 'alice', reason: 'reviewed', at: '2026-01-03T00:00:00.000Z' };
      expect(await s.pins.accept('tool', 'files_read', { ...by, hash: 'd'.repeat(64) })).toBeUndefined();
      const accepted = await s.pins.accept('tool', 'files_read', { ...by, hash: 'c'.repeat(64) });
      expect(accepted).toEqual({
        kind: 'tool',
        name: 'files_read',
        backend: 'files',
        hash: 'c'.repeat(64),
        definition: pending('c'.repeat(64)).definition,
        pinnedAt: by.at,
        acceptedBy: 'alice',
        acceptReason: 'reviewed',
      });
      expect(await s.pins.revision()).not.toBe(r2);
      // Nothing pending any more: a second accept changes nothing.
      expect(await s.pins.accept('tool', 'files_read', { ...by, hash: 'c'.repeat(64) })).toBeUndefined();
    });

    it('clears a pending definition, lists by kind and name, and sees another connection’s writes', async () => {
      const setting = await b.fresh();
      const gateway = await open(setting);
      const cli = await open(setting);
      await gateway.pins.insert(pin('files_write'));
      await gateway.pins.insert({ ...pin('files_read'), kind: 'prompt' });
      await gateway.pins.insert({
        kind: 'tool',
        name: 'files_new',
        backend: 'files',
        pending: pending('e'.repeat(64)),
      });
      expect((await gateway.pins.list()).map((p) => `${p.kind}:${p.name}`)).toEqual([
        'prompt:files_read',
        'tool:files_new',
        'tool:files_write',
      ]);
      expect(await gateway.pins.clearPending('tool', 'files_write')).toBe(false);
      await gateway.pins.setPending('tool', 'files_write', pending('f'.repeat(64)));
      const before = await gateway.pins.revision();
      expect(await cli.pins.clearPending('tool', 'files_write')).toBe(true);
      expect(await gateway.pins.revision()).not.toBe(before);
      expect((await gateway.pins.get('tool', 'files_write'))?.pending).toBeUndefined();
      // A new tool held back has no accepted hash until it is accepted.
      const held = await cli.pins.get('tool', 'files_new');
      expect(held?.hash).toBeUndefined();
      const ok = await cli.pins.accept('tool', 'files_new', {
        hash: 'e'.repeat(64),
        by: 'bob',
        reason: 'expected',
        at: '2026-01-04T00:00:00.000Z',
      });
      expect(ok?.hash).toBe('e'.repeat(64));
    });

    it('records the active signing key, retires the one it replaces, and re-activates a returning key', async () => {
      const s = await open(await b.fresh());
      expect(await s.pins.signingKeys()).toEqual([]);
      const jwk = (x: string) => ({ kty: 'OKP', crv: 'Ed25519', x, kid: `kid-${x}` });
      await s.pins.activateSigningKey({ kid: 'kid-a', jwk: jwk('a') }, '2026-01-01T00:00:00.000Z');
      await s.pins.activateSigningKey({ kid: 'kid-a', jwk: jwk('a') }, '2026-01-02T00:00:00.000Z');
      expect(await s.pins.signingKeys()).toEqual([
        { kid: 'kid-a', jwk: jwk('a'), createdAt: '2026-01-01T00:00:00.000Z' },
      ]);
      await s.pins.activateSigningKey({ kid: 'kid-b', jwk: jwk('b') }, '2026-02-01T00:00:00.000Z');
      expect(await s.pins.signingKeys()).toEqual([
        { kid: 'kid-b', jwk: jwk('b'), createdAt: '2026-02-01T00:00:00.000Z' },
        { kid: 'kid-a', jwk: jwk('a'), createdAt: '2026-01-01T00:00:00.000Z', retiredAt: '2026-02-01T00:00:00.000Z' },
      ]);
      await s.pins.activateSigningKey({ kid: 'kid-a', jwk: jwk('a') }, '2026-03-01T00:00:00.000Z');
      const keys = await s.pins.signingKeys();
      expect(keys.find((k) => k.kid === 'kid-a')?.retiredAt).toBeUndefined();
      expect(keys.find((k) => k.kid === 'kid-b')?.retiredAt).toBe('2026-03-01T00:00:00.000Z');
    });

    it('writes inside a transaction roll back with it', async () => {
      const s = await open(await b.fresh());
      await expect(
        s.transaction(async (tx) => {
          await s.pins.insert(pin('files_read'), tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await s.pins.get('tool', 'files_read')).toBeUndefined();
    });
  });
}
