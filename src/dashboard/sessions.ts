import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { DashboardSessionRepository } from '../storage/repositories.js';

/** A signed-in person. The cookie value is a secret held by the browser; only its hash keys the store. */
export interface Session {
  user: string;
  /** How the person signed in: a user API key (`credentialId` = its id) or OIDC. */
  method: 'api-key' | 'oidc';
  credentialId?: string;
  /** OIDC: the subject, e-mail and groups the identity provider vouched for at sign-in. */
  subject?: string;
  email?: string;
  groups?: string[];
  createdAt: number;
  lastSeenAt: number;
}

export interface SessionStoreOptions {
  /** Absolute lifetime (default 8 h). */
  ttlMs?: number;
  /** Idle timeout (default 30 min). */
  idleMs?: number;
  /** How often `lastSeenAt` is written back at most (default 60 s; the idle timeout has this granularity). */
  touchEveryMs?: number;
  now?: () => number;
}

export type NewSession = Pick<Session, 'user' | 'method' | 'credentialId' | 'subject' | 'email' | 'groups'>;

export interface SessionStore {
  /** Opens a session; returns the cookie value and the CSRF token (both shown to the browser only). */
  create(s: NewSession): Promise<{ id: string; csrf: string; session: Session }>;
  /** The live session for a cookie value (touching it), or undefined when unknown or expired. */
  get(id: string): Promise<Session | undefined>;
  /**
   * The CSRF token of a session: an HMAC of a fixed label keyed by the cookie value, so every tab and every replica
   * computes the same token with nothing more stored. Only same-origin script can read it (from the session
   * endpoint); a cross-site request carries the cookie but cannot know the token.
   */
  csrfFor(id: string): string;
  /** Whether `token` is the CSRF token of the session `id`, compared in constant time. */
  checkCsrf(id: string, token: string | undefined): boolean;
  delete(id: string): Promise<void>;
  /** Ends every session of a user (their key was rotated or revoked). */
  deleteUser(user: string): Promise<number>;
  size(): Promise<number>;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = () => randomBytes(32).toString('base64url');
const COOKIE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const SWEEP_EVERY_MS = 60_000;

/**
 * Sessions of the dashboard, on the storage seam (`dashboard_sessions`): they survive a restart and every replica
 * behind a load balancer sees them, so no sticky routing is needed. Keyed by the SHA-256 of the cookie value, so
 * the database holds no usable cookie. Expired and idle sessions are swept at most once a minute.
 */
export function createSessionStore(repo: DashboardSessionRepository, options: SessionStoreOptions = {}): SessionStore {
  const ttl = options.ttlMs ?? 8 * 3600_000;
  const idle = options.idleMs ?? 30 * 60_000;
  const touchEvery = Math.min(options.touchEveryMs ?? 60_000, idle / 2);
  const now = options.now ?? Date.now;
  let lastSweep = 0;
  const csrfFor = (id: string) => createHmac('sha256', id).update('portcullis dashboard csrf').digest('base64url');

  const sweep = async (t: number) => {
    if (t - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = t;
    await repo.sweep(t, t - idle);
  };

  return {
    async create(fields) {
      const t = now();
      await sweep(t);
      const id = randomToken();
      const defined = Object.entries(fields).filter(([, v]) => v !== undefined);
      const session = { ...(Object.fromEntries(defined) as NewSession), createdAt: t, lastSeenAt: t };
      await repo.create({ idHash: sha256(id), ...session, expiresAt: t + ttl });
      return { id, csrf: csrfFor(id), session };
    },
    async get(id) {
      if (!COOKIE_SHAPE.test(id)) return undefined;
      const h = sha256(id);
      const r = await repo.get(h);
      if (!r) return undefined;
      const t = now();
      if (t >= r.expiresAt || t - r.lastSeenAt >= idle) {
        await repo.delete(h);
        return undefined;
      }
      if (t - r.lastSeenAt >= touchEvery) await repo.touch(h, t);
      const { idHash: _h, expiresAt: _e, ...session } = r;
      return { ...session, lastSeenAt: t };
    },
    csrfFor,
    checkCsrf(id, t) {
      if (!t) return false;
      const a = Buffer.from(csrfFor(id));
      const b = Buffer.from(t);
      return a.length === b.length && timingSafeEqual(a, b);
    },
    async delete(id) {
      await repo.delete(sha256(id));
    },
    deleteUser: (user) => repo.deleteUser(user),
    size: () => repo.count(),
  };
}
