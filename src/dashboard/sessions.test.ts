import { describe, expect, it } from 'vitest';
import { cookieOf, sessionCookie, SESSION_COOKIE } from './cookies.js';
import { createSessionStore } from './sessions.js';

describe('dashboard sessions', () => {
  it('finds a session by its cookie value only, with a CSRF token bound to it', () => {
    const store = createSessionStore();
    const a = store.create({ user: 'alice', method: 'api-key', credentialId: 'k1' });
    const b = store.create({ user: 'bob', method: 'api-key' });
    expect(store.get(a.id)?.user).toBe('alice');
    expect(store.get('x'.repeat(43))).toBeUndefined();
    expect(store.get('not a cookie')).toBeUndefined();
    expect(store.checkCsrf(a.id, a.csrf)).toBe(true);
    expect(store.csrfFor(a.id)).toBe(a.csrf);
    expect(store.checkCsrf(a.id, b.csrf)).toBe(false);
    expect(store.checkCsrf(a.id, undefined)).toBe(false);
    expect(store.checkCsrf(a.id, '')).toBe(false);
  });

  it('expires sessions after the idle timeout and the absolute lifetime', () => {
    let t = 0;
    const store = createSessionStore({ ttlMs: 1000, idleMs: 300, now: () => t });
    const s = store.create({ user: 'alice', method: 'api-key' });
    t = 200;
    expect(store.get(s.id)).toBeDefined();
    t = 600; // idle for 400 ms
    expect(store.get(s.id)).toBeUndefined();
    const s2 = store.create({ user: 'alice', method: 'api-key' });
    for (t = 700; t < 1600; t += 200) store.get(s2.id); // kept busy, but past its lifetime
    expect(store.get(s2.id)).toBeUndefined();
  });

  it('ends every session of a user, and keeps at most `max` sessions', () => {
    const store = createSessionStore({ max: 2 });
    const a = store.create({ user: 'alice', method: 'api-key' });
    store.create({ user: 'alice', method: 'api-key' });
    const c = store.create({ user: 'carol', method: 'oidc' });
    expect(store.size()).toBe(2);
    expect(store.get(a.id)).toBeUndefined(); // the oldest went first
    expect(store.deleteUser('alice')).toBe(1);
    expect(store.get(c.id)?.user).toBe('carol');
  });

  it('writes the cookie with __Host-, HttpOnly, Secure and SameSite=Strict, and reads it back', () => {
    const header = sessionCookie('abc', 60);
    expect(header).toBe(`${SESSION_COOKIE}=abc; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=60`);
    expect(cookieOf(`a=1; ${SESSION_COOKIE}=abc; b=2`, SESSION_COOKIE)).toBe('abc');
    expect(cookieOf('a=1', SESSION_COOKIE)).toBeUndefined();
    expect(cookieOf(undefined, SESSION_COOKIE)).toBeUndefined();
  });
});
