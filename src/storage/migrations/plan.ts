/**
 * One migration runner for both back ends: the list of a component is versioned and append-only, each entry
 * carries the SQL of both dialects, and `planMigrations` decides — the same way for SQLite and PostgreSQL — what
 * to apply, or why the database must not be used. The executors (sqlite/migrate.ts, postgres/migrate.ts) only
 * read the applied versions and apply the planned entries, each in its own transaction with its version row.
 */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** A schema owned by one part of Portcullis. On SQLite each component has its own file. */
export interface MigrationSet {
  component: 'core' | 'audit';
  migrations: readonly Migration[];
}

export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  constructor(
    message: string,
    readonly code: 'schema.newer' | 'schema.pending',
  ) {
    super(message);
  }
}

export interface MigrationPlan {
  /** Highest version the database has. */
  current: number;
  /** Highest version this code knows. */
  target: number;
  pending: Migration[];
}

/**
 * What to apply. Throws SchemaError when the database is newer than the code (a newer Portcullis migrated it:
 * running older code on it could corrupt data), or, with `apply: false`, when migrations are pending.
 */
export function planMigrations(
  set: MigrationSet,
  applied: readonly number[],
  where: string,
  options: { apply: boolean },
): MigrationPlan {
  const known = new Set(set.migrations.map((m) => m.version));
  const target = Math.max(0, ...known);
  const current = Math.max(0, ...applied);
  const unknown = applied.filter((v) => !known.has(v));
  if (current > target || unknown.length > 0)
    throw new SchemaError(
      `${where}: the ${set.component} schema is at version ${current}, newer than this Portcullis knows (${target}); ` +
        'upgrade Portcullis, or restore a backup taken before the newer version migrated it',
      'schema.newer',
    );
  const done = new Set(applied);
  const pending = set.migrations.filter((m) => !done.has(m.version)).sort((a, b) => a.version - b.version);
  if (pending.length > 0 && !options.apply)
    throw new SchemaError(
      `${where}: the ${set.component} schema is at version ${current}, this Portcullis needs ${target}; ` +
        'run `portcullis migrate` (storage.migrateOnStart is false)',
      'schema.pending',
    );
  return { current, target, pending };
}
