import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../audit/types.js';
import type { ApprovalRequirement } from '../core/approval.js';
import { openStores } from '../storage/open-stores.js';
import { contractBackends } from '../storage/test-support/contract-backends.js';
import type { Stores } from '../storage/repositories.js';
import { argsDigest } from './binding.js';
import { createApprovalService, type HeldCall } from './service.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(clock = { t: Date.parse('2026-11-27T10:00:00.000Z') }) {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-approval-svc-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const store: Stores = await openStores({ kind: 'sqlite', dataDir: dir, migrateOnStart: true });
  cleanups.push(() => store.close());
  const events: AuditEventInput[] = [];
  const svc = createApprovalService({
    store,
    append: async (e) => void events.push(e),
    redact: async (a) => ({ ...a, card: '[REDACTED]' }),
    now: () => clock.t,
    pollMs: 60_000,
    log: () => undefined,
  });
  return { svc, store, events, clock };
}

const held = (approval: Partial<ApprovalRequirement> = {}, args = { amount: 900, card: '4111' }): HeldCall => ({
  requestId: 'req-1',
  principal: { agent: 'ops', user: 'ann', method: 'oauth' },
  tool: 'pay_refund',
  backend: 'pay',
  args,
  risk: { level: 'high', categories: ['financial'], sideEffect: 'irreversible', reasons: ['refund'] },
  decision: {
    effect: 'hold',
    rule: 'refunds',
    reasons: ['rule refunds'],
    approval: { quorum: 1, timeoutMs: 60_000, channels: [], ...approval },
  },
  policyVersion: 'v1',
});
// Approvers signed in with OAuth (their token's subject and email are aliases), so their identity at the IdP is known.
const approver = (name: string, groups: string[] = []) => ({
  name,
  groups,
  roles: ['approver'],
  aliases: [`sub-${name}`, `${name}@example.com`],
});

describe('approval service', () => {
  it('records the request first, binds it to the exact call, and attaches a repeated call to it', async () => {
    const { svc, events } = await setup();
    const r = await svc.hold(held());
    expect(r).toMatchObject({ status: 'pending', agent: 'ops', user: 'ann', tool: 'pay_refund', rule: 'refunds' });
    expect(r.argsDigest).toBe(argsDigest({ card: '4111', amount: 900 }));
    expect(r.displayArguments).toEqual({ amount: 900, card: '[REDACTED]' });
    expect(r.expiresAt).toBe('2026-11-27T10:01:00.000Z');
    expect(events.map((e) => [e.type, e.approvalId])).toEqual([['approval.requested', r.id]]);
    expect((await svc.hold(held())).id).toBe(r.id);
    expect((await svc.hold(held({}, { amount: 901, card: '4111' }))).id).not.toBe(r.id);
  });

  it('refuses self-approval, people outside the groups, and a person twice; approves at the quorum', async () => {
    const { svc, events } = await setup();
    const r = await svc.hold(held({ quorum: 2, approvers: { users: [], groups: ['finance'] } }));
    await expect(svc.decide(r.id, approver('ann', ['finance']), 'approve')).rejects.toMatchObject({
      code: 'approval.forbidden',
    });
    await expect(svc.decide(r.id, approver('sal', ['sales']), 'approve')).rejects.toMatchObject({
      code: 'approval.forbidden',
    });
    expect((await svc.decide(r.id, approver('bob', ['finance']), 'approve', 'ok')).status).toBe('pending');
    await expect(svc.decide(r.id, approver('bob', ['finance']), 'approve')).rejects.toMatchObject({
      code: 'approval.conflict',
      message: expect.stringMatching(/counts once/),
    });
    const done = await svc.decide(r.id, approver('cy', ['finance']), 'approve');
    expect(done.status).toBe('approved');
    expect(done.decisions.map((d) => d.by)).toEqual(['bob', 'cy']);
    expect(events.map((e) => e.type)).toEqual(['approval.requested', 'approval.approved', 'approval.approved']);
    await expect(svc.decide(r.id, approver('dee', ['finance']), 'deny')).rejects.toMatchObject({
      code: 'approval.conflict',
    });
  });

  it('a deny closes the request; a decision after the timeout changes nothing and the request expires', async () => {
    const { svc, clock, events } = await setup();
    const a = await svc.hold(held());
    expect((await svc.decide(a.id, approver('bob'), 'deny', 'no')).status).toBe('denied');
    const b = await svc.hold(held({}, { amount: 1, card: 'x' }));
    clock.t += 60_000;
    await expect(svc.decide(b.id, approver('bob'), 'approve')).rejects.toMatchObject({ code: 'approval.conflict' });
    expect((await svc.get(b.id))?.status).toBe('expired');
    expect(events.filter((e) => e.approvalId === b.id).map((e) => e.type)).toEqual([
      'approval.requested',
      'approval.expired',
    ]);
  });

  it('executes once: begin is a compare-and-set, an unused approval expires, restart closes executing', async () => {
    const { svc, clock, events } = await setup();
    const r = await svc.hold(held());
    await svc.decide(r.id, approver('bob'), 'approve');
    expect(await Promise.all([svc.begin(r.id), svc.begin(r.id)])).toEqual([true, false]);
    expect(await svc.recover()).toBe(0); // its lease is fresh: another process may be running it
    clock.t += 30_000;
    await svc.heartbeat(r.id);
    expect(await svc.recover()).toBe(0);
    clock.t += 30_001;
    expect(await svc.recover()).toBe(1);
    expect(await svc.get(r.id)).toMatchObject({ status: 'executed', outcome: 'interrupted' });
    expect(await svc.begin(r.id)).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'approval.executed', resultStatus: 'interrupted' });

    const u = await svc.hold(held({}, { amount: 2, card: 'y' }));
    await svc.decide(u.id, approver('bob'), 'approve');
    clock.t += 60_000;
    await svc.sweep();
    expect((await svc.get(u.id))?.status).toBe('expired');
    expect(await svc.begin(u.id)).toBe(false);
  });

  it('a waiting call wakes on the decision and reports progress on the way', async () => {
    const { svc } = await setup();
    const r = await svc.hold(held());
    const progress: string[] = [];
    const waiting = svc.waitFor(r.id, { limitMs: 3_600_000, onProgress: (p) => progress.push(p.message ?? '') });
    await expect.poll(() => svc.waiters.size()).toBe(1);
    await svc.decide(r.id, approver('bob'), 'approve');
    expect((await waiting).status).toBe('approved');
    expect(progress[0]).toMatch(new RegExp(`^Waiting for approval ${r.id}: 0 of 1 approval`));
  });

  it('on PostgreSQL a call waiting in one replica wakes when another replica decides (no poll needed)', async () => {
    const pgBackend = contractBackends('approval-svc', (fn) => void cleanups.push(fn)).find(
      (x) => x.name === 'postgres',
    )!;
    if (!pgBackend.available) return; // SQLite: one process, woken in-process (the test above)
    const setting = await pgBackend.fresh();
    const replica = async () => {
      const store = await openStores(setting);
      cleanups.push(() => store.close());
      const svc = createApprovalService({
        store,
        append: async () => undefined,
        redact: async (a) => a,
        pollMs: 3_600_000, // only the change feed can wake it
        log: () => undefined,
      });
      cleanups.push(() => svc.close());
      return svc;
    };
    const [a, b] = [await replica(), await replica()];
    const r = await a.hold(held());
    const waiting = a.waitFor(r.id, { limitMs: 3_600_000 });
    await expect.poll(() => a.waiters.size()).toBe(1);
    await b.decide(r.id, approver('bob'), 'approve');
    expect((await waiting).status).toBe('approved');
  });
});
