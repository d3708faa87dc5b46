import type { Stores, Tx } from './repositories.js';

/**
 * Every field of `Stores` that holds deployment data, other than the audit chain (copied record by record).
 * Dashboard sessions are not copied: they are short-lived, and people simply sign in again on the new store.
 */
export type DataStoreName = Exclude<
  keyof Stores,
  'kind' | 'location' | 'transaction' | 'check' | 'close' | 'audit' | 'dashboardSessions'
>;

/** How `storage copy` moves one store: read everything from the source, write it into the (empty) target. */
export interface StoreCopier<R> {
  /** Plural noun for messages ("key(s)"). */
  readonly what: string;
  read(stores: Stores): Promise<R[]>;
  write(stores: Stores, rows: readonly R[], tx: Tx): Promise<void>;
}

const PAGE = 500;

/**
 * One copier per data store. The mapped type makes this table exhaustive: a store added to `Stores` without a copier
 * here is a compile error, so `storage copy` can never silently leave a store behind.
 */
export const storeCopiers: { [K in DataStoreName]: StoreCopier<unknown> } = {
  apiKeys: copier({
    what: 'API key(s)',
    read: async (s) => [...(await s.apiKeys.listByAgent('agent')), ...(await s.apiKeys.listByAgent('user'))],
    write: async (s, rows, tx) => {
      for (const k of rows) await s.apiKeys.insert(k, tx);
    },
  }),
  approvals: copier({
    what: 'approval request(s)',
    read: async (s) => {
      const all = [];
      let cursor: string | undefined;
      do {
        const page = await s.approvals.list({ limit: PAGE, ...(cursor ? { cursor } : {}) });
        all.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return all.reverse(); // oldest first, so the target lists them in the same order
    },
    write: async (s, rows, tx) => {
      for (const a of rows) await s.approvals.insert(a, tx);
    },
  }),
  pins: copier({
    what: 'pinned definition(s)',
    read: (s) => s.pins.list(),
    write: async (s, rows, tx) => {
      for (const p of rows)
        if (!(await s.pins.insert(p, tx))) throw new Error(`pin ${p.kind} ${p.name} already exists on the target`);
    },
  }),
  report: copier({
    what: 'report score(s) and acknowledgement(s)',
    read: async (s) => [
      ...(await s.report.scores(Number.MAX_SAFE_INTEGER)).map((e) => ({ score: e })),
      ...(await s.report.acknowledgements()).map((a) => ({ ack: a })),
    ],
    write: async (s, rows, tx) => {
      for (const r of rows) {
        if ('score' in r) await s.report.addScore(r.score, tx);
        else await s.report.acknowledge(r.ack, tx);
      }
    },
  }),
  secrets: copier({
    what: 'vault secret(s)',
    // Sealed rows move as they are: still sealed under the same master key, which never leaves its file or variable.
    read: (s) => s.secrets.list(),
    write: async (s, rows, tx) => {
      for (const r of rows)
        if (!(await s.secrets.put(r, 0, tx))) throw new Error(`secret ${r.name} already exists on the target`);
    },
  }),
};

/** Erases a copier's row type for the table (copy.ts only passes rows a copier read back to the same copier). */
function copier<R>(c: StoreCopier<R>): StoreCopier<unknown> {
  return { what: c.what, read: (s) => c.read(s), write: (s, rows, tx) => c.write(s, rows as readonly R[], tx) };
}
