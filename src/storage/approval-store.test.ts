import { afterEach, describe, expect, it } from 'vitest';
import { contractBackends } from './test-support/contract-backends.js';
import { openStores } from './open-stores.js';
import type { StorageSetting } from './config.js';
import type { ApprovalRecord, Stores } from './repositories.js';

// The approval store's contract, run against SQLite and PostgreSQL: compare-and-set transitions, a person counted
// once, no decision after the expiry, binding lookups, paging.
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const backends = contractBackends('approvals', (fn) => void cleanups.push(fn));

const T0 = '2026-11-27T10:00:00.000Z';
const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();

const approval = (id: string, over: Partial<ApprovalRecord> = {}): ApprovalRecord => ({
  id,
  status: 'pending',
  tool: 'billing_refund',
  backend: 'billing',
  agent: 'ops',
  user: 'ann',
  requesterIdentities: ['ann', 'ann@example.com'],
  argsDigest: 'd'.repeat(64),
  callArguments: { amount: 900, card: '4111111111111111' },
  displayArguments: { amount: 900, card: '[REDACTED]' },
  risk: { level: 'high', categories: ['financial'], sideEffect: 'irreversible', reasons: ['verb refund'] },
  rule: 'refunds',
  policyVersion: 'v1',
  requirement: { quorum: 2, groups: ['finance'], timeoutMs: 300_000, channels: [] },
  requestId: `req-${id}`,
  createdAt: T0,
  expiresAt: at(300),
  decisions: [],
  ...over,
});

for (const b of backends) {
  const run = b.available ? describe : describe.skip;
  run(`approval store contract: ${b.name}`, () => {
    const open = async (setting?: StorageSetting): Promise<Stores> => {
      const s = await openStores(setting ?? (await b.fresh()));
      cleanups.push(() => s.close());
      return s;
    };

    it('inserts and reads back the exact call, with its decisions in order', async () => {
      const s = await open();
      await s.approvals.insert(approval('a1'));
      expect(await s.approvals.get('a1')).toEqual(approval('a1'));
      expect(await s.approvals.get('nope')).toBeUndefined();
      // A call an agent made on its own: no user, no requester identities.
      const { user: _u, requesterIdentities: _r, ...own } = approval('a0');
      await s.approvals.insert(own);
      expect(await s.approvals.get('a0')).toEqual(own);
      expect(await s.approvals.addDecision('a1', { by: 'bob', decision: 'approve', comment: 'ok', at: at(10) })).toBe(
        'added',
      );
      expect(await s.approvals.addDecision('a1', { by: 'cy', decision: 'approve', at: at(20) })).toBe('added');
      expect((await s.approvals.get('a1'))?.decisions).toEqual([
        { by: 'bob', decision: 'approve', comment: 'ok', at: at(10) },
        { by: 'cy', decision: 'approve', at: at(20) },
      ]);
    });

    it('counts a person once, refuses decisions once closed or past the expiry', async () => {
      const s = await open();
      await s.approvals.insert(approval('a1'));
      expect(await s.approvals.addDecision('a1', { by: 'bob', decision: 'approve', at: at(1) })).toBe('added');
      expect(await s.approvals.addDecision('a1', { by: 'bob', decision: 'approve', at: at(2) })).toBe('twice');
      expect(await s.approvals.addDecision('a1', { by: 'bob', decision: 'deny', at: at(3) })).toBe('twice');
      // At or after the expiry nothing is recorded, even though the sweep has not marked it expired yet.
      expect(await s.approvals.addDecision('a1', { by: 'cy', decision: 'approve', at: at(300) })).toBe('closed');
      await s.approvals.insert(approval('a2'));
      expect(await s.approvals.transition('a2', ['pending'], 'denied', { decidedAt: at(5) })).toBe(true);
      expect(await s.approvals.addDecision('a2', { by: 'cy', decision: 'approve', at: at(6) })).toBe('closed');
      expect((await s.approvals.get('a1'))?.decisions.map((d) => d.by)).toEqual(['bob']);
      expect(await s.approvals.addDecision('missing', { by: 'cy', decision: 'approve', at: at(6) })).toBe('closed');
    });

    it('moves a request at most once (compare-and-set), and not past its expiry when asked', async () => {
      const s = await open();
      await s.approvals.insert(approval('a1'));
      const [x, y] = await Promise.all([
        s.approvals.transition('a1', ['pending'], 'approved', { decidedAt: at(1), expiresAt: at(400) }),
        s.approvals.transition('a1', ['pending'], 'denied', { decidedAt: at(1) }),
      ]);
      expect([x, y].filter(Boolean)).toHaveLength(1);
      const a1 = (await s.approvals.get('a1'))!;
      if (a1.status !== 'approved') return; // the deny won the race: nothing else to check here
      expect(a1.expiresAt).toBe(at(400));
      expect(await s.approvals.transition('a1', ['approved'], 'executing', { unlessExpiredAt: at(400) })).toBe(false);
      const both = await Promise.all([
        s.approvals.transition('a1', ['approved'], 'executing', { executingAt: at(2), unlessExpiredAt: at(2) }),
        s.approvals.transition('a1', ['approved'], 'executing', { executingAt: at(2), unlessExpiredAt: at(2) }),
      ]);
      expect(both.filter(Boolean)).toHaveLength(1);
      expect(await s.approvals.transition('a1', ['executing'], 'executed', { executedAt: at(3), outcome: 'ok' })).toBe(
        true,
      );
      expect(await s.approvals.get('a1')).toMatchObject({ status: 'executed', executedAt: at(3), outcome: 'ok' });
      expect(await s.approvals.transition('a1', ['approved'], 'executing')).toBe(false);
    });

    it('finds requests bound to exactly one call, lists due and by status, pages newest first', async () => {
      const setting = await b.fresh();
      const s = await open(setting);
      await s.approvals.insert(approval('a1'));
      await s.approvals.insert(approval('a2', { createdAt: at(1), user: undefined }));
      await s.approvals.insert(approval('a3', { createdAt: at(2), argsDigest: 'e'.repeat(64), expiresAt: at(10) }));
      await s.approvals.insert(approval('a4', { createdAt: at(3), policyVersion: 'v2' }));
      const bound = (user: string | undefined, digest = 'd'.repeat(64), version = 'v1') =>
        s.approvals
          .findBound(
            {
              agent: 'ops',
              tool: 'billing_refund',
              argsDigest: digest,
              policyVersion: version,
              ...(user ? { user } : {}),
            },
            ['pending', 'approved'],
          )
          .then((r) => r.map((a) => a.id));
      expect(await bound('ann')).toEqual(['a1']);
      expect(await bound(undefined)).toEqual(['a2']);
      expect(await bound('ann', 'e'.repeat(64))).toEqual(['a3']);
      expect(await bound('ann', 'd'.repeat(64), 'v2')).toEqual(['a4']);
      expect(await bound('bob')).toEqual([]);
      expect((await s.approvals.due(at(10))).map((a) => a.id)).toEqual(['a3']);
      await s.approvals.transition('a2', ['pending'], 'executing');
      expect((await s.approvals.withStatus('executing')).map((a) => a.id)).toEqual(['a2']);

      const page1 = await s.approvals.list({ limit: 2 });
      expect(page1.items.map((a) => a.id)).toEqual(['a4', 'a3']);
      const page2 = await s.approvals.list({ limit: 2, cursor: page1.nextCursor! });
      expect(page2.items.map((a) => a.id)).toEqual(['a2', 'a1']);
      expect(page2.nextCursor).toBeUndefined();
      expect((await s.approvals.list({ limit: 10, status: 'executing' })).items.map((a) => a.id)).toEqual(['a2']);

      // Another process (the CLI, a second replica) sees the same rows.
      const other = await open(setting);
      expect((await other.approvals.get('a2'))?.status).toBe('executing');
    });

    it('announces committed decisions and transitions to every process sharing the store (PostgreSQL); heartbeats and rolled-back changes are silent', async () => {
      const setting = await b.fresh();
      const s = await open(setting);
      const other = await open(setting);
      if (b.name === 'sqlite') {
        // One process owns a SQLite store: its waiters are woken in-process, there is nothing to listen to.
        expect('onChange' in s.approvals).toBe(false);
        return;
      }
      // Silence is shown without sleeping: notifications reach a listener in commit order, so once a change committed
      // later (a "sentinel", s1..s3) is heard, anything that would have been announced before it has been heard too.
      const heard: string[] = [];
      const stop = other.approvals.onChange!((id) => heard.push(id));
      for (const id of ['a1', 'a2', 's1', 's2', 's3']) await s.approvals.insert(approval(id));
      const sentinel = async (id: string) => {
        await s.approvals.transition(id, ['pending'], 'denied', { decidedAt: at(9) });
        await expect.poll(() => heard.includes(id), { timeout: 5000 }).toBe(true);
      };
      await s.transaction(async (tx) => {
        await s.approvals.addDecision('a1', { by: 'bob', decision: 'approve', at: at(1) }, tx);
        await s.approvals.transition('a1', ['pending'], 'approved', { decidedAt: at(1) }, tx);
        // Nothing is heard before the commit (s1 commits on another connection meanwhile).
        await sentinel('s1');
        expect(heard).toEqual(['s1']);
      });
      // One transaction, one announcement per request (PostgreSQL folds identical notifications).
      await expect.poll(() => heard, { timeout: 5000 }).toEqual(['s1', 'a1']);
      await s.approvals.transition('a1', ['approved'], 'executing', { executingAt: at(2) });
      await s.approvals.transition('a1', ['executing'], 'executing', { executingAt: at(3) }); // heartbeat
      await expect(
        s.transaction(async (tx) => {
          await s.approvals.transition('a2', ['pending'], 'denied', {}, tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await s.approvals.transition('a2', ['approved'], 'executing'); // not approved: no change, no announcement
      await sentinel('s2');
      expect(heard).toEqual(['s1', 'a1', 'a1', 's2']);
      stop();
      // A second listener on the same connection hears what the stopped one no longer does.
      const after: string[] = [];
      const stopAfter = other.approvals.onChange!((id) => after.push(id));
      await s.approvals.transition('a1', ['executing'], 'executed', { executedAt: at(4) });
      await s.approvals.transition('s3', ['pending'], 'denied', { decidedAt: at(9) });
      await expect.poll(() => after, { timeout: 5000 }).toEqual(['a1', 's3']);
      stopAfter();
      expect(heard).toEqual(['s1', 'a1', 'a1', 's2']);
    });

    it('a decision and the transition it causes commit or roll back together', async () => {
      const s = await open();
      await s.approvals.insert(approval('a1'));
      await expect(
        s.transaction(async (tx) => {
          await s.approvals.addDecision('a1', { by: 'bob', decision: 'approve', at: at(1) }, tx);
          await s.approvals.transition('a1', ['pending'], 'approved', { decidedAt: at(1) }, tx);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await s.approvals.get('a1')).toMatchObject({ status: 'pending', decisions: [] });
    });
  });
}
