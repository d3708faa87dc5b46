import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A signed-in person. The cookie value is a secret held by the browser; only its hash keys the table. */
export interface Session {
  user: string;
  /** How the person signed in: a user API key (`credentialId` = its id) or OIDC. */
  method: 'api-key' | 'oidc';
  credentialId?: string;
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionStoreOptions {
  /** Absolute lifetime (default 8 h). */
  ttlMs?: number;
  /** Idle timeout (default 30 min). */
  idleMs?: number;
  /** At most this many live sessions; the oldest is dropped first (default 10 000). */
  max?: number;
  now?: () => number;
}

export interface SessionStore {
  /** Opens a session; returns the cookie value and the CSRF token (both shown to the browser only). */
  create(s: Pick<Session, 'user' | 'method' | 'credentialId'>): { id: string; csrf: string; session: Session };
  /** The live session for a cookie value (touching it), or undefined when unknown or expired. */
  get(id: string): Session | undefined;
  /**
   * The CSRF token of a session: an HMAC of the cookie value under a key of this process, so every tab of the
   * session gets the same token and nothing more is stored. Only same-origin script can read it (from the
   * session endpoint); a cross-site request carries the cookie but cannot know the token.
   */
  csrfFor(id: string): string;
  /** Whether `token` is the CSRF token of the session `id`, compared in constant time. */
  checkCsrf(id: string, token: string | undefined): boolean;
  delete(id: string): void;
  /** Ends every session of a user (their key was rotated or revoked). */
  deleteUser(user: string): number;
  size(): number;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const token = () => randomBytes(32).toString('base64url');

/**
 * Sessions of the dashboard, kept in this process (a restart signs people out; several replicas need sticky
 * routing — docs/dashboard.md). Keyed by the SHA-256 of the cookie value, so a memory dump holds no usable cookie.
 */
export function createSessionStore(options: SessionStoreOptions = {}): SessionStore {
  const ttl = options.ttlMs ?? 8 * 3600_000;
  const idle = options.idleMs ?? 30 * 60_000;
  const max = options.max ?? 10_000;
  const now = options.now ?? Date.now;
  const byHash = new Map<string, Session>();
  const csrfKey = randomBytes(32);
  const csrfFor = (id: string) => createHmac('sha256', csrfKey).update(id).digest('base64url');

  const live = (s: Session, t: number) => t - s.createdAt < ttl && t - s.lastSeenAt < idle;
  const sweep = (t: number) => {
    for (const [h, s] of byHash) if (!live(s, t)) byHash.delete(h);
  };

  return {
    create({ user, method, credentialId }) {
      const t = now();
      if (byHash.size >= max) sweep(t);
      while (byHash.size >= max) byHash.delete(byHash.keys().next().value as string);
      const id = token();
      const session: Session = { user, method, ...(credentialId ? { credentialId } : {}), createdAt: t, lastSeenAt: t };
      byHash.set(sha256(id), session);
      return { id, csrf: csrfFor(id), session };
    },
    get(id) {
      if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
      const h = sha256(id);
      const s = byHash.get(h);
      if (!s) return undefined;
      const t = now();
      if (!live(s, t)) {
        byHash.delete(h);
        return undefined;
      }
      s.lastSeenAt = t;
      return s;
    },
    csrfFor,
    checkCsrf(id, t) {
      if (!t) return false;
      const a = Buffer.from(csrfFor(id));
      const b = Buffer.from(t);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    delete(id) {
      byHash.delete(sha256(id));
    },
    deleteUser(user) {
      let n = 0;
      for (const [h, s] of byHash)
        if (s.user === user) {
          byHash.delete(h);
          n++;
        }
      return n;
    },
    size: () => byHash.size,
  };
}
