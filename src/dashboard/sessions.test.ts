import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStores } from '../storage/open-stores.js';
import type { Stores } from '../storage/repositories.js';
import { cookieOf, oidcCookie, OIDC_COOKIE, sessionCookie, SESSION_COOKIE } from './cookies.js';
import { createSessionStore, sha256, type SessionStoreOptions } from './sessions.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A session store on a real (SQLite) storage; `reopen` gives a second store on the same data (a restart). */
async function storage(): Promise<{ stores: Stores; reopen: () => Promise<Stores> }> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-sessions-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const open = async () => {
    const s = await openStores({ kind: 'sqlite', dataDir: dir, migrateOnStart: true });
    cleanups.push(() => s.close());
    return s;
  };
  return { stores: await open(), reopen: open };
}
const sessionsOn = async (options: SessionStoreOptions = {}) => {
  const { stores, reopen } = await storage();
  return { store: createSessionStore(stores.dashboardSessions, options), stores, reopen };
};

describe('dashboard sessions', () => {
  it('finds a session by its cookie value only, with a CSRF token bound to it', async () => {
    const { store, stores } = await sessionsOn();
    const a = await store.create({ user: 'alice', method: 'api-key', credentialId: 'k1' });
    const b = await store.create({ user: 'bob', method: 'api-key' });
    expect((await store.get(a.id))?.user).toBe('alice');
    expect(await store.get('x'.repeat(43))).toBeUndefined();
    expect(await store.get('not a cookie')).toBeUndefined();
    // Only the hash of the cookie value is stored.
    expect(await stores.dashboardSessions.get(sha256(a.id))).toMatchObject({ user: 'alice', credentialId: 'k1' });
    expect(store.checkCsrf(a.id, a.csrf)).toBe(true);
    expect(store.csrfFor(a.id)).toBe(a.csrf);
    expect(store.checkCsrf(a.id, b.csrf)).toBe(false);
    expect(store.checkCsrf(a.id, undefined)).toBe(false);
    expect(store.checkCsrf(a.id, '')).toBe(false);
  });

  it('survives a restart: another process on the same storage knows the session and its CSRF token', async () => {
    const { store, reopen } = await sessionsOn();
    const s = await store.create({ user: 'olga', method: 'oidc', subject: 'sub-1', email: 'o@x', groups: ['g'] });
    const again = createSessionStore((await reopen()).dashboardSessions);
    expect(await again.get(s.id)).toMatchObject({ user: 'olga', method: 'oidc', subject: 'sub-1', groups: ['g'] });
    expect(again.checkCsrf(s.id, s.csrf)).toBe(true);
  });

  it('expires sessions after the idle timeout and the absolute lifetime', async () => {
    let t = 1_000_000;
    const { store } = await sessionsOn({ ttlMs: 1000, idleMs: 300, touchEveryMs: 1, now: () => t });
    const s = await store.create({ user: 'alice', method: 'api-key' });
    t += 200;
    expect(await store.get(s.id)).toBeDefined();
    t += 400; // idle for 400 ms
    expect(await store.get(s.id)).toBeUndefined();
    const s2 = await store.create({ user: 'alice', method: 'api-key' });
    const end = t + 1000;
    for (; t < end; t += 200) expect(await store.get(s2.id)).toBeDefined(); // kept busy…
    t += 200;
    expect(await store.get(s2.id)).toBeUndefined(); // …but past its lifetime
  });

  it('ends every session of a user', async () => {
    const { store } = await sessionsOn();
    const a = await store.create({ user: 'alice', method: 'api-key' });
    await store.create({ user: 'alice', method: 'api-key' });
    const c = await store.create({ user: 'carol', method: 'oidc' });
    expect(await store.size()).toBe(3);
    expect(await store.deleteUser('alice')).toBe(2);
    expect(await store.get(a.id)).toBeUndefined();
    expect((await store.get(c.id))?.user).toBe('carol');
    await store.delete(c.id);
    expect(await store.size()).toBe(0);
  });

  it('writes the cookies with __Host-, HttpOnly, Secure and SameSite, and reads them back', () => {
    const header = sessionCookie('abc', 60);
    expect(header).toBe(`${SESSION_COOKIE}=abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=60`);
    expect(oidcCookie('st', 600)).toBe(`${OIDC_COOKIE}=st; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=600`);
    expect(cookieOf(`a=1; ${SESSION_COOKIE}=abc; b=2`, SESSION_COOKIE)).toBe('abc');
    expect(cookieOf('a=1', SESSION_COOKIE)).toBeUndefined();
    expect(cookieOf(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});
