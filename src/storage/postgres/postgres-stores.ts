import type pg from 'pg';
import { redactUrl } from '../config.js';
import { auditMigrations } from '../migrations/audit.js';
import { coreMigrations } from '../migrations/core.js';
import type { ApiKeyRepository, SecretRow, Stores, Tx } from '../repositories.js';
import { createPostgresAuditStore } from './audit-store.js';
import { createPostgresReportStore } from './report-store.js';
import { createPostgresDashboardSessionStore } from './dashboard-session-store.js';
import { createKeyCache } from './key-cache.js';
import { migratePostgres } from './migrate.js';
import { createPostgresPinStore } from './pin-store.js';
import { createPostgresSecretStore, SECRETS_CHANNEL } from './secret-store.js';
import { createPool, type Queryable } from './pool.js';
import { toKey, type KeyRow } from '../key-row.js';
import { APPROVALS_CHANNEL, createPostgresApprovalStore } from './approval-store.js';
import { GatewayError } from '../../core/errors.js';

/** Channel on which key changes are announced to every replica (payload: the key id, or '*'). */
export const KEYS_CHANNEL = 'portcullis_keys';
/** Longest time a replica may keep serving a key another replica revoked, should a notification be lost. */
export const KEY_CACHE_TTL_MS = 5000;

interface PgTx extends Tx {
  readonly client: pg.PoolClient;
}

export interface PostgresStoresOptions {
  url: string;
  migrate?: boolean;
  /** Pool size. Default 10. */
  maxConnections?: number;
}

/**
 * Whether a failure means the server could not be reached or would not let us in: a socket error (no SQLSTATE),
 * SQLSTATE class 08 (connection exception), 28 (invalid authorization), 3D000 (no such database), 57P (the server is
 * shutting down or starting). Anything else came from a server that answered.
 */
export function isReachabilityError(e: unknown): boolean {
  // A server's error (pg's DatabaseError) has a severity; a socket's (ECONNREFUSED, EPIPE, a timeout) does not.
  const { code, severity } = (e ?? {}) as { code?: unknown; severity?: unknown };
  if (typeof severity !== 'string' || typeof code !== 'string') return true;
  return /^(08|28|57P)/.test(code) || code === '3D000';
}

/**
 * PostgreSQL (driver: pg, docs/adr/0012-storage-seam.md). One database for every component; schema versions in
 * `schema_migrations`. Key lookups are cached (see key-cache.ts) and invalidated through LISTEN/NOTIFY.
 */
export async function createPostgresStores(options: PostgresStoresOptions): Promise<Stores> {
  const location = redactUrl(options.url);
  const pool = createPool(options.url, options.maxConnections ?? 10);
  try {
    for (const set of [coreMigrations, auditMigrations])
      await migratePostgres(pool, set, { apply: options.migrate ?? true, where: location });
  } catch (e) {
    await pool.end();
    // A schema refusal says what to do already. The server not answering (down, wrong host or port, refused
    // credentials, no such database) is "cannot reach"; a server that answered and refused a statement (no permission,
    // a schema it cannot apply) is a failed migration, with its reason and SQLSTATE. One line naming the database
    // (without its password), not the driver's stack.
    if (e instanceof Error && e.name === 'SchemaError') throw e;
    const message = (e as Error).message;
    if (isReachabilityError(e))
      throw new GatewayError('store.unavailable', `cannot reach PostgreSQL at ${location}`, message);
    const state = (e as { code?: unknown }).code;
    throw new GatewayError(
      'store.unavailable',
      `PostgreSQL at ${location} refused the schema migration${typeof state === 'string' ? ` (SQLSTATE ${state})` : ''}`,
      message,
    );
  }

  const cache = createKeyCache({ ttlMs: KEY_CACHE_TTL_MS, maxEntries: 10_000 });
  /** Who hears about approval changes (waiting calls); while the listener is down, their polling still sees them. */
  const approvalListeners = new Set<(id: string) => void>();
  const secretCache = createKeyCache<SecretRow>({ ttlMs: KEY_CACHE_TTL_MS, maxEntries: 10_000 });
  const caches = [cache, secretCache];
  let closed = false;
  /** Releases the LISTEN client (once, whoever comes first: its error handler, a failed LISTEN, or close()). */
  let listener: (() => void) | undefined;
  let retry: NodeJS.Timeout | undefined;
  async function listen(): Promise<void> {
    let client: pg.PoolClient | undefined;
    let released = false;
    const drop = (c: pg.PoolClient) => {
      if (released) return;
      released = true;
      c.release(true);
    };
    try {
      client = await pool.connect();
      const c = client;
      client.on('notification', (n) => {
        if (n.channel === KEYS_CHANNEL) cache.clear();
        else if (n.channel === APPROVALS_CHANNEL && n.payload) for (const l of [...approvalListeners]) l(n.payload);
        if (n.channel === SECRETS_CHANNEL) secretCache.clear();
      });
      const release = () => drop(c);
      client.on('error', () => {
        for (const k of caches) k.setLive(false);
        release();
        if (listener === release) listener = undefined;
        schedule();
      });
      await client.query(`LISTEN ${KEYS_CHANNEL}`);
      await client.query(`LISTEN ${APPROVALS_CHANNEL}`);
      await client.query(`LISTEN ${SECRETS_CHANNEL}`);
      // close() ran while this (re)connect was under way: it could not release a client it did not know yet, and
      // pool.end() waits for every checked-out client.
      if (closed) {
        release();
        return;
      }
      listener = release;
      for (const k of caches) k.setLive(true);
    } catch {
      // A LISTEN that failed leaves its client checked out: give it back, or close() would wait for it forever.
      if (client) drop(client);
      for (const k of caches) k.setLive(false);
      schedule();
    }
  }
  function schedule(): void {
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void listen();
    }, 1000);
    retry.unref();
  }
  await listen();

  const on = (tx: Tx | undefined): Queryable => (tx ? (tx as PgTx).client : pool);
  /** A key write: announced to every replica at commit, and dropped from this process's cache at once. */
  const changed = async (db: Queryable, id: string): Promise<void> => {
    await db.query('SELECT pg_notify($1, $2)', [KEYS_CHANNEL, id]);
    cache.clear();
  };
  const transaction = async <T>(fn: (tx: Tx) => Promise<T>): Promise<T> => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({ backend: 'postgres', client } as PgTx);
      await client.query('COMMIT');
      for (const c of caches) c.clear();
      return result;
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
  };
  const atomically = <T>(tx: Tx | undefined, fn: (db: Queryable) => Promise<T>): Promise<T> =>
    tx ? fn(on(tx)) : transaction((t) => fn(on(t)));

  const apiKeys: ApiKeyRepository = {
    insert: (k, tx) =>
      atomically(tx, async (db) => {
        await db.query(
          'INSERT INTO api_keys (id, kind, agent, hash, created_at, revoked_at) VALUES ($1, $2, $3, $4, $5, $6)',
          [k.id, k.kind, k.agent, k.hash, k.createdAt, k.revokedAt ?? null],
        );
        await changed(db, k.id);
      }),
    async findById(id, tx) {
      if (!tx) {
        const hit = cache.get(id);
        if (hit !== undefined) return hit ?? undefined;
      }
      const generation = cache.generation();
      const { rows } = await on(tx).query<KeyRow>('SELECT * FROM api_keys WHERE id = $1', [id]);
      const rec = rows[0] ? toKey(rows[0]) : undefined;
      if (!tx) cache.set(id, rec ?? null, generation);
      return rec;
    },
    cachedById: (id) => cache.get(id),
    async listByAgent(kind, agent, tx) {
      const { rows } = agent
        ? await on(tx).query<KeyRow>('SELECT * FROM api_keys WHERE kind = $1 AND agent = $2 ORDER BY created_at', [
            kind,
            agent,
          ])
        : await on(tx).query<KeyRow>('SELECT * FROM api_keys WHERE kind = $1 ORDER BY agent, created_at', [kind]);
      return rows.map(toKey);
    },
    revokeAgent: (kind, agent, at, tx) =>
      atomically(tx, async (db) => {
        const r = await db.query(
          'UPDATE api_keys SET revoked_at = $1 WHERE kind = $2 AND agent = $3 AND revoked_at IS NULL',
          [at, kind, agent],
        );
        await changed(db, '*');
        return r.rowCount ?? 0;
      }),
    rotate: (key, tx) =>
      atomically(tx, async (db) => {
        const r = await db.query(
          'UPDATE api_keys SET revoked_at = $1 WHERE kind = $2 AND agent = $3 AND revoked_at IS NULL',
          [key.createdAt, key.kind, key.agent],
        );
        await db.query('INSERT INTO api_keys (id, kind, agent, hash, created_at) VALUES ($1, $2, $3, $4, $5)', [
          key.id,
          key.kind,
          key.agent,
          key.hash,
          key.createdAt,
        ]);
        await changed(db, '*');
        return r.rowCount ?? 0;
      }),
  };

  return {
    kind: 'postgres',
    location,
    apiKeys,
    pins: createPostgresPinStore(on),
    approvals: createPostgresApprovalStore(on, transaction, (l) => {
      approvalListeners.add(l);
      return () => void approvalListeners.delete(l);
    }),
    audit: {
      location,
      exists: async () => true,
      open: ({ busyTimeoutMs }) => createPostgresAuditStore(pool, { busyTimeoutMs }),
      openReadonly: () => createPostgresAuditStore(pool, { readonly: true }),
    },
    report: createPostgresReportStore(on, atomically),
    dashboardSessions: createPostgresDashboardSessionStore(on),
    secrets: createPostgresSecretStore(on, atomically, secretCache),
    transaction,
    check: async () => void (await pool.query('SELECT 1')),
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listener?.();
      listener = undefined;
      await pool.end();
    },
  };
}
