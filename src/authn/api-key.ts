import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../core/principal.js';
import type { ApiKeyRecord, KeyOwnerKind } from '../storage/repositories.js';
import { logger } from '../observability/logger.js';
import { refused, type AuthOutcome, type Authenticator } from './types.js';

/**
 * API keys look like `pcl_<id>_<secret>`. The id locates the record; only SHA-256 of the whole key is stored.
 * Keys carry 256 bits of randomness, so a fast hash is appropriate (no password-style stretching needed),
 * and comparison is constant-time.
 */
const KEY_RE = /^pcl_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

export function hashApiKey(key: string): string {
  return hash('sha256', key, 'hex');
}

/**
 * A stored hash as bytes, decoded once per record object: key stores that cache their records (SQLite while the
 * database is unchanged, PostgreSQL between change notifications) hand back the same object, so a request on a
 * known key decodes nothing (ADR 0017, Decision 8).
 */
const storedBytes = new WeakMap<ApiKeyRecord, Buffer>();
function hashBytesOf(rec: ApiKeyRecord): Buffer {
  let b = storedBytes.get(rec);
  if (!b) storedBytes.set(rec, (b = Buffer.from(rec.hash, 'hex')));
  return b;
}

/**
 * The SHA-256 of the key a connection presented last, with that key (ADR 0017, Decision 49): an agent sends the same
 * key on every request of a keep-alive connection, and hashing it again cost one `crypto.hash` per request. Only the
 * digest of what this connection itself sent is reused, so nothing is learnt across connections; the record is still
 * looked up and compared (`timingSafeEqual`), and its revocation and its agent checked, on every request, so a revoked
 * key is refused at its very next request as before. Kept with the connection object (a WeakMap: gone with the socket).
 */
const connectionDigests = new WeakMap<object, { key: string; digest: Buffer }>();

/** Equal strings, compared without stopping at the first difference (keys are fixed-length ASCII, KEY_RE). */
function sameKey(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function digestOf(key: string, connection: object | undefined): Buffer {
  if (connection === undefined) return hash('sha256', key, 'buffer');
  const last = connectionDigests.get(connection);
  if (last !== undefined && sameKey(last.key, key)) return last.digest;
  const digest = hash('sha256', key, 'buffer');
  connectionDigests.set(connection, { key, digest });
  return digest;
}

export function generateApiKey(
  agent: string,
  kind: KeyOwnerKind = 'agent',
  now = new Date(),
): { key: string; record: ApiKeyRecord } {
  const id = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x').slice(0, 12);
  const key = `pcl_${id}_${randomBytes(32).toString('base64url')}`;
  return { key, record: { id, kind, agent, hash: hashApiKey(key), createdAt: now.toISOString() } };
}

export type ApiKeyCheck =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' | 'mismatch' | 'agent-removed'; keyId?: string };

export interface ApiKeyAuthenticator {
  /**
   * A value when the key's record came from the store's memory (`cachedById`), else a promise. `connection` (the
   * request's socket, when there is one) lets the key's digest be reused for the next request on it.
   */
  authenticate(key: string, connection?: object): ApiKeyCheck | Promise<ApiKeyCheck>;
}

/**
 * Authenticates keys of one owner kind: agent keys open the MCP front door, user keys the REST API; a key of the
 * other kind is answered like an unknown key.
 */
export function createApiKeyAuthenticator(
  keys: {
    findById(id: string): Promise<ApiKeyRecord | undefined> | ApiKeyRecord | undefined;
    cachedById?(id: string): ApiKeyRecord | null | undefined;
  },
  agentExists: (agent: string) => boolean,
  kind: KeyOwnerKind = 'agent',
): ApiKeyAuthenticator {
  const check = (key: string, id: string, rec: ApiKeyRecord | undefined, connection?: object): ApiKeyCheck => {
    if (!rec || rec.kind !== kind) return { ok: false, reason: 'unknown', keyId: id };
    const a = hashBytesOf(rec);
    const b = digestOf(key, connection);
    if (a.length !== b.length || !timingSafeEqual(a, b)) return { ok: false, reason: 'mismatch', keyId: id };
    if (rec.revokedAt) return { ok: false, reason: 'revoked', keyId: id };
    if (!agentExists(rec.agent)) return { ok: false, reason: 'agent-removed', keyId: id };
    const principal: Principal = { agent: rec.agent, method: 'api-key', credentialId: id };
    // A user key's owner is a person: say so in `user`, the field the REST API and audit read.
    return { ok: true, principal: kind === 'user' ? { ...principal, user: rec.agent } : principal };
  };
  return {
    authenticate(key, connection) {
      const m = KEY_RE.exec(key);
      if (!m) return { ok: false, reason: 'malformed' };
      const id = m[1]!;
      // The store's current copy, without a promise when it has one (ADR 0017, Decision 11).
      const known = keys.cachedById?.(id);
      if (known !== undefined) return check(key, id, known ?? undefined, connection);
      const found = keys.findById(id);
      return found instanceof Promise
        ? found.then((rec) => check(key, id, rec, connection))
        : check(key, id, found, connection);
    },
  };
}

/** Extracts the bearer credential from an Authorization header value. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1];
}

/** Anything shaped like one of our keys is ours: other bearer tokens (JWTs, opaque OAuth tokens) are not. */
const looksLikeApiKey = (token: string) => token.startsWith('pcl_');

/** The chain member for API keys: claims `Bearer pcl_...` credentials, leaves every other credential alone. */
export function apiKeyAuthenticator(keys: ApiKeyAuthenticator): Authenticator {
  const outcome = (check: ApiKeyCheck): AuthOutcome =>
    check.ok
      ? { kind: 'authenticated', principal: check.principal }
      : refused(401, check.reason, 'Invalid credentials', {
          error: 'invalid_token',
          ...(check.keyId ? { keyId: check.keyId } : {}),
        });
  // The key store cannot answer (PostgreSQL down, a database file that cannot be read): refused, never guessed, and
  // said so; the store's error (hosts, ports, paths) goes to the gateway's log, not into the answer.
  const unavailable = (e: unknown): AuthOutcome => {
    logger().warn(`api key store unavailable, request refused: ${e instanceof Error ? e.message : String(e)}`);
    return refused(503, 'store-unavailable', 'The key store cannot be reached; try again later');
  };
  return {
    id: 'api-key',
    authenticate(req) {
      const token = bearerToken(req.authorization);
      if (!token || !looksLikeApiKey(token)) return { kind: 'not-mine' };
      let check: ApiKeyCheck | Promise<ApiKeyCheck>;
      try {
        check = keys.authenticate(token, req.connection);
      } catch (e) {
        return unavailable(e);
      }
      return check instanceof Promise ? check.then(outcome, unavailable) : outcome(check);
    },
  };
}
