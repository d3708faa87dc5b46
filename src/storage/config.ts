import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';

/**
 * `storage:` in portcullis.yaml. A string is the URL; the object form adds options. `${ENV}` references are
 * expanded by the config loader, so a connection string with a password stays out of the file:
 *   storage: ${PORTCULLIS_DATABASE_URL}
 *   storage: { url: postgres://portcullis@db/portcullis, migrateOnStart: false }
 */
const storageUrl = z
  .string()
  .refine((s) => s === 'sqlite' || /^sqlite:\/\/.+/.test(s) || /^postgres(ql)?:\/\/.+/.test(s), {
    message: 'must be "sqlite" (embedded, under dataDir), sqlite://<directory>, or postgres://user@host/database',
  })
  .meta({ pattern: '^(sqlite$|sqlite://.|postgres(ql)?://.)' })
  .describe(
    '"sqlite" (embedded, under dataDir), sqlite://<directory>, or postgres://user@host/database (use ${ENV} for the password)',
  );

export const storageConfigSchema = z
  .union([
    storageUrl,
    z
      .object({
        url: storageUrl
          .default('sqlite')
          .describe('Where the data lives: sqlite, sqlite://<directory> or postgres://…'),
        /** Apply pending schema migrations when the gateway starts (default). False: run `portcullis migrate`. */
        migrateOnStart: z
          .boolean()
          .default(true)
          .describe('Apply pending schema migrations at start-up; false: run `portcullis migrate` yourself'),
      })
      .strict(),
  ])
  .describe('Where keys, the audit chain and other state live: a URL string, or { url, migrateOnStart }');

export type StorageConfig = z.infer<typeof storageConfigSchema>;

export type StorageSetting =
  | { kind: 'sqlite'; dataDir: string; migrateOnStart: boolean }
  | { kind: 'postgres'; url: string; migrateOnStart: boolean };

/** The setting resolved: a SQLite directory (relative to the config file) or a PostgreSQL URL. */
export function resolveStorage(
  config: StorageConfig | undefined,
  where: { dataDir: string; baseDir: string },
): StorageSetting {
  const obj: { url?: string; migrateOnStart?: boolean } =
    typeof config === 'string' ? { url: config, migrateOnStart: true } : (config ?? {});
  const url = obj.url ?? 'sqlite';
  const migrateOnStart = obj.migrateOnStart ?? true;
  return parseStorageUrl(url, where, migrateOnStart);
}

export function parseStorageUrl(
  url: string,
  where: { dataDir: string; baseDir: string },
  migrateOnStart = true,
): StorageSetting {
  if (url === 'sqlite') return { kind: 'sqlite', dataDir: where.dataDir, migrateOnStart };
  if (url.startsWith('sqlite://')) {
    const dir = url.slice('sqlite://'.length);
    return { kind: 'sqlite', dataDir: isAbsolute(dir) ? dir : resolve(where.baseDir, dir), migrateOnStart };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: 'postgres', url, migrateOnStart };
  throw new Error(`storage: unsupported URL ${redactUrl(url)} (use sqlite, sqlite://DIR or postgres://…)`);
}

/** Query parameters that can carry a credential (libpq's `password`, `sslpassword`, tokens, keys): shown as `***`. */
const SECRET_PARAM = /pass|secret|token|key|auth/i;
const SECRET_PARAM_TEXT = /([?&][^=&#]*(?:pass|secret|token|key|auth)[^=&#]*=)[^&#]*/gi;
/** The user-info password as it is written, also where `new URL` reads it otherwise (a `#` or `?` in it). */
const USERINFO_PASSWORD = /^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@]*@/i;

/**
 * The URL without its password, for messages, logs and CLI output (storage and upstream URLs): the user-info
 * password and every credential-named query parameter shown as `***`, whether or not the URL parses.
 */
export function redactUrl(url: string): string {
  let out: string;
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const name of [...u.searchParams.keys()]) if (SECRET_PARAM.test(name)) u.searchParams.set(name, '***');
    out = u.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    out = url.replace(SECRET_PARAM_TEXT, '$1***');
  }
  return out.replace(USERINFO_PASSWORD, '$1:***@');
}

/** A URL in running text: a scheme, `://` and everything up to white space, a quote or a bracket. */
const URL_IN_TEXT = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`<>()[\]{}]+/gi;

/** `redactUrl` where it hides something; any other string as it was (not normalised, e.g. no `/` appended). */
export function redactSecretUrl(s: string): string {
  const out = redactUrl(s);
  return out.includes('***') ? out : s;
}

/** Text (an error message, a log line) with every URL in it passed through `redactUrl`. */
export function redactUrlsIn(text: string): string {
  return text.replace(URL_IN_TEXT, redactSecretUrl);
}
