import { afterEach, describe, expect, it } from 'vitest';
import { contractBackends } from './test-support/contract-backends.js';
import { openStores } from './open-stores.js';
import type { StorageSetting } from './config.js';
import type { DashboardSessionRecord, Stores } from './repositories.js';

/** The dashboard session repository's contract, held to the same behaviour on SQLite and PostgreSQL. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const backends = contractBackends('dashboard-sessions', (fn) => void cleanups.push(fn));

const T = 1_800_000_000_000;
const session = (id: string, user: string, extra: Partial<DashboardSessionRecord> = {}): DashboardSessionRecord => ({
  idHash: id.padEnd(64, '0'),
  user,
  method: 'api-key',
  createdAt: T,
  lastSeenAt: T,
  expiresAt: T + 8 * 3600_000,
  ...extra,
});

for (const b of backends) {
  const run = b.available ? describe : describe.skip;
  run(`dashboard session store contract: ${b.name}`, () => {
    const open = async (setting?: StorageSetting): Promise<Stores> => {
      const s = await openStores(setting ?? (await b.fresh()));
      cleanups.push(() => s.close());
      return s;
    };

    it('stores a session with its identity and finds it after a reopen (a restart, or another replica)', async () => {
      const setting = await b.fresh();
      const s = await open(setting);
      const a = session('a', 'alice', { credentialId: 'k1' });
      const o = session('o', 'olga', {
        method: 'oidc',
        subject: 'sub-7',
        email: 'olga@example.com',
        groups: ['finance'],
      });
      await s.dashboardSessions.create(a);
      await s.dashboardSessions.create(o);
      await expect(s.dashboardSessions.create(a)).rejects.toThrow();
      const other = await open(setting);
      expect(await other.dashboardSessions.get(a.idHash)).toEqual(a);
      expect(await other.dashboardSessions.get(o.idHash)).toEqual(o);
      expect(await other.dashboardSessions.get('f'.repeat(64))).toBeUndefined();
      expect(await other.dashboardSessions.count()).toBe(2);
    });

    it('touches forward only, deletes one or all of a user, and sweeps the expired and the idle', async () => {
      const s = await open();
      const r = s.dashboardSessions;
      await r.create(session('a1', 'alice'));
      await r.create(session('a2', 'alice', { lastSeenAt: T + 10 }));
      await r.create(session('b', 'bob', { expiresAt: T + 100 }));
      await r.create(session('c', 'carol'));
      await r.touch(session('c', '').idHash, T + 500);
      await r.touch(session('c', '').idHash, T + 200); // never backwards
      expect((await r.get(session('c', '').idHash))?.lastSeenAt).toBe(T + 500);
      // At T+100 bob's session ended; with idleBefore T+5 alice's first one (last seen at T) is idle too.
      expect(await r.sweep(T + 100, T + 5)).toBe(2);
      expect(await r.get(session('b', '').idHash)).toBeUndefined();
      expect(await r.get(session('a1', '').idHash)).toBeUndefined();
      expect(await r.deleteUser('alice')).toBe(1);
      expect(await r.delete(session('c', '').idHash)).toBe(true);
      expect(await r.delete(session('c', '').idHash)).toBe(false);
      expect(await r.count()).toBe(0);
    });

    it('hands out a sign-in in progress once, and never after it expired', async () => {
      const setting = await b.fresh();
      const s = await open(setting);
      const r = s.dashboardSessions;
      const login = {
        stateHash: 's'.repeat(64),
        verifier: 'v'.repeat(43),
        nonce: 'n1',
        returnTo: '/#/audit',
        expiresAt: T + 600_000,
      };
      await r.putLogin(login);
      await r.putLogin({ ...login, stateHash: 'e'.repeat(64), expiresAt: T });
      const other = await open(setting);
      const [one, two] = await Promise.all([
        r.takeLogin(login.stateHash, T),
        other.dashboardSessions.takeLogin(login.stateHash, T),
      ]);
      expect([one, two].filter(Boolean)).toEqual([login]);
      expect(await r.takeLogin('e'.repeat(64), T + 1)).toBeUndefined();
      await r.putLogin({ ...login, stateHash: 'x'.repeat(64), expiresAt: T + 5 });
      expect(await r.sweep(T + 10, 0)).toBe(1);
      expect(await r.takeLogin('x'.repeat(64), T)).toBeUndefined();
    });
  });
}
