import { afterEach, describe, expect, it } from 'vitest';
import { copyStorage } from './copy.js';
import { type DataStoreName, storeCopiers } from './copy-stores.js';
import { openStores } from './open-stores.js';
import { contractBackends } from './test-support/contract-backends.js';
import type { StorageSetting } from './config.js';
import type { Stores } from './repositories.js';

// `storage copy` moves every data store, not only keys and the audit chain: a deployment populated in every store
// (keys, approvals with decisions, pins with a pending change, report history, sealed vault secrets) reads back identically on the target.
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const [sqlite, postgres] = contractBackends('copy', (fn) => void cleanups.push(fn));

const T = '2026-11-27T10:00:00.000Z';

async function populate(s: Stores): Promise<void> {
  await s.apiKeys.insert({ id: 'k1', kind: 'agent', agent: 'ops', hash: 'a'.repeat(64), createdAt: T });
  await s.apiKeys.insert({ id: 'k2', kind: 'user', agent: 'ann', hash: 'b'.repeat(64), createdAt: T, revokedAt: T });
  const base = {
    tool: 'billing_refund',
    backend: 'billing',
    agent: 'ops',
    argsDigest: 'd'.repeat(64),
    callArguments: { amount: 900 },
    displayArguments: { amount: 900 },
    risk: { level: 'high', categories: ['financial'], sideEffect: 'irreversible', reasons: ['verb refund'] },
    rule: 'refunds',
    policyVersion: 'v1',
    requirement: { quorum: 1, timeoutMs: 300_000, channels: [] },
    createdAt: T,
    expiresAt: '2026-11-27T10:05:00.000Z',
  };
  await s.approvals.insert({
    ...base,
    id: 'ap1',
    status: 'pending',
    requestId: 'r1',
    user: 'ann',
    requesterIdentities: ['ann', 'ann@example.com'],
    decisions: [],
  });
  await s.approvals.insert({
    ...base,
    id: 'ap2',
    status: 'executed',
    requestId: 'r2',
    createdAt: '2026-11-27T10:00:01.000Z',
    decidedAt: '2026-11-27T10:00:02.000Z',
    executingAt: '2026-11-27T10:00:03.000Z',
    executedAt: '2026-11-27T10:00:04.000Z',
    outcome: 'ok',
    decisions: [
      { by: 'bob', decision: 'approve', comment: 'fine', at: '2026-11-27T10:00:02.000Z', groups: ['finance'] },
    ],
  });
  await s.pins.insert({
    kind: 'tool',
    name: 'billing_refund',
    backend: 'billing',
    hash: 'e'.repeat(64),
    definition: { name: 'refund', description: 'Refund a charge' },
    pinnedAt: T,
    pending: {
      hash: 'f'.repeat(64),
      definition: { name: 'refund', description: 'changed' },
      reason: 'changed',
      since: T,
    },
  });
  await s.pins.insert({
    kind: 'prompt',
    name: 'billing_summary',
    backend: 'billing',
    hash: '1'.repeat(64),
    pinnedAt: T,
  });
  await s.secrets.put(
    {
      name: 'BILLING_TOKEN',
      version: 2,
      format: 'pcv1',
      kekId: '0123456789abcdef',
      wrappedKey: 'd3JhcHBlZA',
      nonce: 'bm9uY2Vub25jZQ',
      tag: 'dGFndGFndGFndGFn',
      ciphertext: 'Y2lwaGVy',
      createdAt: T,
      rotatedAt: '2026-11-27T10:00:05.000Z',
    },
    0,
  );
  await s.report.addScore({ at: T, score: 71, grade: 'C', areas: { authentication: 80 } });
  await s.report.acknowledge({
    id: 'ack1',
    checkId: 'audit.anchor',
    reason: 'later',
    by: 'ann',
    createdAt: T,
    expiresAt: T,
  });
}

async function snapshot(setting: StorageSetting): Promise<Record<string, unknown[]>> {
  const s = await openStores(setting, { migrate: false });
  try {
    const out: Record<string, unknown[]> = {};
    for (const name of Object.keys(storeCopiers) as DataStoreName[]) out[name] = await storeCopiers[name].read(s);
    return out;
  } finally {
    await s.close();
  }
}

describe('storage copy', () => {
  for (const target of [sqlite!, postgres!]) {
    (target.available ? it : it.skip)(
      `copies every data store from SQLite to ${target.name}, and refuses a non-empty target`,
      async () => {
        const from = await sqlite!.fresh();
        const s = await openStores(from);
        await populate(s);
        await s.close();
        const before = await snapshot(from);
        // The fixture must exercise every store: a store added to `Stores` without data here fails this line.
        for (const [name, rows] of Object.entries(before))
          expect(rows.length, `fixture has no ${name}`).toBeGreaterThan(0);

        const to = await target.fresh();
        const result = await copyStorage(from, to);
        expect(result.stores).toEqual({ apiKeys: 2, approvals: 2, pins: 2, report: 2, secrets: 1 });
        expect(await snapshot(to)).toEqual(before);

        await expect(copyStorage(from, to)).rejects.toThrow(/not empty \(apiKeys\)/);
      },
      60_000,
    );
  }
});
