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

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}
