import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTestStores, postgresServerUrl } from '../../test/postgres/database.js';
import { readAnchors } from '../audit/anchor.js';
import { createAuditLog, type AuditLog, type AuditLogOptions } from '../audit/audit-log.js';
import type { AuditStore } from '../audit/store.js';
import type { VerifyResult } from '../audit/types.js';
import { parseConfigText } from '../config/load.js';
import { openStores } from '../storage/open-stores.js';
import type { Stores } from '../storage/repositories.js';
import { gatherSnapshot } from './gather.js';
import type { AuditFacts } from './snapshot.js';

/**
 * A security report must not overstate. A retention prune (this gateway's, or another replica's on a shared
 * database) deletes the oldest records and their checkpoints from the log, but the anchor file keeps every
 * checkpoint it was given; and a prune can land while a report is being gathered. Every figure of the report that
 * counts records or checkpoints counts only those still in the log.
 */
/**
 * A checkpoint's line reaches the anchor file after its commit (audit-log.ts: the write follows `checkpoint()`
 * resolving). On a loaded machine that fsync can lag well behind; here every anchor-file write is slowed, as there,
 * so a test that counts anchored checkpoints must wait for them.
 */
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      if (String(args[0]).endsWith('.anchor.jsonl')) await new Promise((r) => setTimeout(r, 50));
      return fs.open(...args);
    },
  };
});

const pgServer = postgresServerUrl();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const call = { type: 'tool.call.requested', agent: 'bot', tool: 't_echo', user: 'alice' } as const;
const leak = { type: 'secret.leak.redacted', backend: 'billing', tool: 'billing_get' } as const;
const approval = { type: 'approval.requested', agent: 'bot', tool: 't_echo' } as const;
const retention = { retention: { maxRecords: 5, intervalMs: 3_600_000 } };

/** Calls, a leak and an approval; checkpoints at 8 and 16; 4 more calls: head 20. Both checkpoints anchored. */
async function fill(log: AuditLog): Promise<void> {
  await log.append(leak);
  await log.append(approval);
  for (let i = 0; i < 5; i++) await log.append(call);
  const first = await log.checkpoint(); // 8
  for (let i = 0; i < 7; i++) await log.append(call);
  const second = await log.checkpoint(); // 16
  for (let i = 0; i < 4; i++) await log.append(call);
  // The report counts anchored checkpoints: wait until both lines are in the anchor file (see the mock above).
  await vi.waitFor(
    async () => {
      const seqs = (await readAnchors(log.anchorPath)).checkpoints.map((c) => c.seq);
      expect(seqs, `anchor file ${log.anchorPath}`).toEqual(expect.arrayContaining([first.seq, second.seq]));
    },
    { timeout: 30_000, interval: 20 },
  );
}

type Opened = { stores: Stores; root: string };

/** `multiWriter`: several gateways append to one log (PostgreSQL); on SQLite one gateway writes it. */
function suite(name: string, multiWriter: boolean, open: ((root: string) => Promise<Stores>) | undefined) {
  (open ? describe : describe.skip)(`report figures after a retention prune: ${name}`, () => {
    async function setup(): Promise<
      Opened & { replica: (id: string, extra?: Partial<AuditLogOptions>) => Promise<AuditLog> }
    > {
      const root = mkdtempSync(join(tmpdir(), 'portcullis-report-prune-'));
      cleanups.push(() => rmSync(root, { recursive: true, force: true }));
      const stores = await open!(root);
      cleanups.push(() => stores.close());
      // Replicas share the store and the signing key; each has its own data directory and anchor file.
      const replica = async (id: string, extra: Partial<AuditLogOptions> = {}) => {
        const log = await createAuditLog({
          dataDir: join(root, id),
          anchorPath: join(root, `${id}.anchor.jsonl`),
          signingKeyPath: join(root, 'signing-key.pem'),
          store: stores.audit.open({}),
          checkpointEvery: { records: 1_000_000, ms: 3_600_000 },
          onWarning: () => undefined,
          ...extra,
        });
        cleanups.push(() => log.close());
        return log;
      };
      return { stores, root, replica };
    }

    /** The audit facts of the report replica `id` would give (its anchor file, the shared log). */
    async function facts(o: Opened, id: string, store: AuditStore, verify: () => Promise<VerifyResult>) {
      const file = join(o.root, 'portcullis.yaml');
      const config = parseConfigText(`audit:\n  anchorPath: ${join(o.root, `${id}.anchor.jsonl`)}\n`, file, {});
      const s = await gatherSnapshot({
        loaded: { file, baseDir: o.root, dataDir: join(o.root, id), config },
        tools: [],
        stores: o.stores,
        audit: { store, verify },
      });
      const a = s.audit as AuditFacts;
      return {
        records: a.records,
        toolCalls: a.toolCalls,
        callsWithUser: a.callsWithUser,
        approvalEvents: a.approvalEvents,
        leaks: a.leaks.count,
        anchored: a.anchor.checkpoints,
        verified: 'error' in a.verify ? a.verify.error : `${a.verify.records}/${a.verify.checkpoints}`,
      };
    }

    const before = { records: 20, toolCalls: 16, callsWithUser: 16, approvalEvents: 1, leaks: 1, anchored: 2 };
    // Pruned up to the checkpoint at 16; the prune's own record is seq 21.
    const after = { records: 6, toolCalls: 4, callsWithUser: 4, approvalEvents: 0, leaks: 0, anchored: 1 };

    it("this gateway's prune: the anchor file's checkpoints of deleted records are not counted", async () => {
      const o = await setup();
      const log = await o.replica('gw', retention);
      await fill(log);
      expect(await facts(o, 'gw', log.store, () => log.verify())).toMatchObject({ ...before, verified: '20/2' });
      expect(await log.applyRetention()).toMatchObject({ prunedBefore: 16, deleted: 15 });
      expect(await facts(o, 'gw', log.store, () => log.verify())).toMatchObject({ ...after, verified: '6/1' });
    });

    it('a prune landing while the report is gathered (`portcullis report` reading the log a running gateway prunes)', async () => {
      const o = await setup();
      const log = await o.replica('gw', retention);
      await fill(log);
      const reader = o.stores.audit.openReadonly();
      cleanups.push(() => reader.close());
      // The gateway prunes after the window's records were read and before the chain is verified.
      const verify = async () => {
        expect(await log.applyRetention()).toMatchObject({ prunedBefore: 16, deleted: 15 });
        return log.verify();
      };
      // 16..20: the head was read before the prune recorded itself (seq 21).
      expect(await facts(o, 'gw', reader, verify)).toMatchObject({ ...after, records: 5, verified: '6/1' });
    });

    (multiWriter ? it : it.skip)(
      "another replica's prune on the shared log, while this replica gathers its report from its own anchor file",
      async () => {
        const o = await setup();
        const log = await o.replica('gw');
        const other = await o.replica('other', retention);
        await fill(log);
        const verify = async () => {
          expect(await other.applyRetention()).toMatchObject({ prunedBefore: 16, deleted: 15 });
          return log.verify();
        };
        expect(await facts(o, 'gw', log.store, verify)).toMatchObject({ ...after, records: 5, verified: '6/1' });
      },
    );
  });
}

suite(
  'PostgreSQL',
  true,
  pgServer
    ? async () => {
        const db = await openTestStores(pgServer);
        return { ...db.stores, close: db.close };
      }
    : undefined,
);
suite('SQLite', false, (root) => openStores({ kind: 'sqlite', dataDir: join(root, 'data'), migrateOnStart: true }));
