import type { AuditEventInput } from '../audit/types.js';
import type { ApprovalDecisionEntry, ApprovalStatus } from '../core/approval.js';
import type { Decision } from '../core/decision.js';
import { GatewayError } from '../core/errors.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject } from '../core/tool.js';
import type { ApprovalRecord, Stores } from '../storage/repositories.js';
import { argsDigest, newApprovalId } from './binding.js';
import type { Notifier } from '../notify/index.js';
import { approverKnown, requesterIdentities, samePeople, type People } from './identity.js';
import { eligibility, progressText, satisfied, type Approver } from './quorum.js';
import { createWaiters } from './waiters.js';
import { createAnnouncer } from './announce.js';

export interface ApprovalServiceDeps {
  store: Pick<Stores, 'approvals' | 'transaction' | 'kind'>;
  /**
   * Durable audit append for `approval.*` events; rejects when the log cannot write. `deferred`: the append does not
   * start a commit of its own but rides with the next one (the woken call's intent record), so an approval costs
   * the call one audit fsync instead of two in a row.
   */
  append(event: AuditEventInput, options?: { deferred?: boolean }): Promise<void>;
  /** Arguments as the audit log would show them (what approvers see). */
  redact(args: JsonObject): Promise<JsonObject>;
  notifier?: () => Notifier | undefined;
  /** The configured people (`users:`) with their identities: who is who for the self-approval check. */
  people?: () => People;
  /** Base URL of this gateway's REST API (for links in notifications). */
  linkBase?: () => string | undefined;
  now?: () => number;
  log?: (m: string) => void;
  /** How often waiting calls re-read their request (changes by another replica). Default 500 ms. */
  pollMs?: number;
  /** How often a waiting call sends a progress notification. Default 5 s. */
  progressEveryMs?: number;
}

/** A call the policy held: everything the request is bound to. */
export interface HeldCall {
  requestId: string;
  principal: Principal;
  /** A resource read or a prompt (absent: a tool call). */
  kind?: 'resource' | 'prompt';
  /** The tool's name; for a resource `<server>:<normalised uri>`; for a prompt its name. */
  tool: string;
  backend: string;
  args: JsonObject;
  risk: ApprovalRecord['risk'];
  decision: Decision;
  policyVersion: string;
}

export interface WaitOptions {
  limitMs: number;
  signal?: AbortSignal;
  onProgress?: (p: { progress: number; total?: number; message?: string }) => void;
}

export type ApprovalService = ReturnType<typeof createApprovalService>;

/** An `executing` mark not refreshed for this long belongs to a process that stopped. */
export const EXECUTING_LEASE_MS = 30_000;
/** How often a running approved call refreshes its mark. */
export const HEARTBEAT_MS = 5_000;

/** Requests in these states may still be executed or decided: a repeated identical call attaches to them. */
const LIVE: readonly ApprovalStatus[] = ['approved', 'pending'];

/**
 * Approval requests: created when policy holds a call, decided by people, expired by a sweep, executed once. Every
 * change is a compare-and-set in the store (so replicas, approvers racing each other and the timeout cannot
 * change a request twice) followed by an audit record under the approval id.
 */
export function createApprovalService(deps: ApprovalServiceDeps) {
  const { store } = deps;
  const now = deps.now ?? Date.now;
  const iso = (t = now()) => new Date(t).toISOString();
  const log = deps.log ?? ((m: string) => process.stderr.write(`portcullis: ${m}\n`));
  const waiters = createWaiters();
  // A decision made by another replica wakes the calls waiting here at once (PostgreSQL LISTEN/NOTIFY); the poll
  // below stays as the fallback while the change feed is down.
  const unsubscribe = store.approvals.onChange?.((id) => waiters.wake(id));
  const pollMs = deps.pollMs ?? 500;
  const progressEveryMs = deps.progressEveryMs ?? 5000;

  const { base, record, notify } = createAnnouncer({
    append: (event, options) => deps.append(event, options),
    log,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
    ...(deps.linkBase ? { linkBase: deps.linkBase } : {}),
  });

  async function expire(r: ApprovalRecord): Promise<void> {
    const was = r.status;
    if (
      !(await store.approvals.transition(r.id, ['pending', 'approved'], 'expired', { decidedAt: r.decidedAt ?? iso() }))
    )
      return;
    waiters.wake(r.id);
    await record({
      ...base(r),
      type: 'approval.expired',
      decision: 'deny',
      reasons: [
        was === 'pending'
          ? `no decision before ${r.expiresAt}: denied (fail closed)`
          : `approved but not executed before ${r.expiresAt}: void`,
      ],
      detail: { was, expiresAt: r.expiresAt },
    });
    notify(
      { ...r, status: 'expired' },
      'approval.expired',
      `Approval expired: ${r.tool}`,
      `Request ${r.id} expired (${was}); the call was not made.`,
    );
  }

  const service = {
    waiters,
    /** Stops listening for changes made by other replicas. */
    close: () => unsubscribe?.(),
    get: (id: string) => store.approvals.get(id),
    list: (q: Parameters<Stores['approvals']['list']>[0]) => store.approvals.list(q),

    /**
     * The request this held call is bound to: an approved one not yet used (the call may now run), else a pending
     * one (a repeated call waits on it), else a new pending request (recorded in the audit log first).
     */
    async hold(c: HeldCall): Promise<ApprovalRecord> {
      const digest = argsDigest(c.args);
      const bound = await store.approvals.findBound(
        {
          ...(c.kind ? { kind: c.kind } : {}),
          agent: c.principal.agent,
          ...(c.principal.user !== undefined ? { user: c.principal.user } : {}),
          tool: c.tool,
          argsDigest: digest,
          policyVersion: c.policyVersion,
        },
        LIVE,
      );
      const t = now();
      for (const r of bound) {
        if (Date.parse(r.expiresAt) > t) return r;
        await expire(r);
      }
      const req = c.decision.approval;
      if (!req)
        throw new GatewayError('internal', undefined, `hold without an approval requirement (${c.decision.rule})`);
      const r: ApprovalRecord = {
        id: newApprovalId(),
        status: 'pending',
        ...(c.kind ? { kind: c.kind } : {}),
        tool: c.tool,
        backend: c.backend,
        agent: c.principal.agent,
        ...(c.principal.user !== undefined
          ? { user: c.principal.user, requesterIdentities: requesterIdentities(c.principal) }
          : {}),
        argsDigest: digest,
        callArguments: c.args,
        displayArguments: await deps.redact(c.args),
        risk: c.risk,
        rule: c.decision.rule,
        policyVersion: c.policyVersion,
        requirement: req,
        requestId: c.requestId,
        createdAt: iso(t),
        expiresAt: iso(t + req.timeoutMs),
        decisions: [],
      };
      // No audit, no request: the request is recorded before it exists (and before anyone is asked).
      await deps.append({
        ...base(r),
        requestId: c.requestId,
        arguments: c.args,
        decision: 'hold',
        reasons: c.decision.reasons,
        detail: {
          ...(c.kind ? { kind: c.kind } : {}),
          argsDigest: digest,
          policyVersion: c.policyVersion,
          quorum: req.quorum,
          ...(req.groups ? { groups: req.groups } : {}),
          ...(req.approvers ? { approvers: req.approvers as unknown as JsonObject } : {}),
          expiresAt: r.expiresAt,
        },
      });
      try {
        await store.approvals.insert(r);
      } catch (e) {
        throw new GatewayError('store.unavailable', undefined, `approval request not stored: ${(e as Error).message}`);
      }
      notify(
        r,
        'approval.requested',
        `Approval needed: ${r.tool}`,
        `Agent ${r.agent}${r.user ? ` (for ${r.user})` : ''} wants to call ${r.tool} (${r.risk.level} risk). ` +
          `${progressText(req, [])}. Decide before ${r.expiresAt}: portcullis approvals show ${r.id}`,
      );
      return r;
    },

    /** One person's decision. Refusals are GatewayErrors (approval.forbidden / conflict / not_found). */
    async decide(id: string, who: Approver, decision: 'approve' | 'deny', comment?: string): Promise<ApprovalRecord> {
      const r = await store.approvals.get(id);
      if (!r) throw new GatewayError('approval.not_found', `No approval request ${id}`);
      // Who is who, through the current config: the requester's names (agent, sub, email, the configured person they
      // are) and the approver's (name, configured identities, the token they signed in with).
      const people = deps.people?.() ?? {};
      const known = approverKnown(
        {
          ...(r.user !== undefined ? { user: r.user } : {}),
          ...(r.requesterIdentities ? { identities: r.requesterIdentities } : {}),
        },
        who,
        people,
      );
      const refusal = eligibility(
        r.requirement,
        {
          agent: r.agent,
          ...(r.user !== undefined ? { user: r.user } : {}),
          identities: samePeople(
            [r.agent, ...(r.user !== undefined ? [r.user] : []), ...(r.requesterIdentities ?? [])],
            people,
          ),
        },
        who,
        {
          identities: samePeople([who.name, ...(who.aliases ?? [])], people),
          linked: known === 'known',
          needsSubject: known === 'subject-needed',
        },
      );
      if (refusal) throw new GatewayError(refusal.code, refusal.message);
      const t = now();
      if (r.status !== 'pending')
        throw new GatewayError('approval.conflict', `Request ${id} is ${r.status}; it takes no more decisions`);
      if (Date.parse(r.expiresAt) <= t) {
        await expire(r);
        throw new GatewayError(
          'approval.conflict',
          `Request ${id} timed out at ${r.expiresAt}; it takes no more decisions`,
        );
      }
      const entry: ApprovalDecisionEntry = {
        by: who.name,
        decision,
        ...(comment ? { comment: comment.slice(0, 2000) } : {}),
        at: iso(t),
        groups: [...who.groups],
      };
      const out = await store.transaction(async (tx) => {
        const added = await store.approvals.addDecision(id, entry, tx);
        if (added !== 'added') return { added };
        const fresh = (await store.approvals.get(id, tx))!;
        let to: ApprovalStatus | undefined;
        if (decision === 'deny') to = 'denied';
        else if (satisfied(fresh.requirement, fresh.decisions)) to = 'approved';
        if (to)
          await store.approvals.transition(
            id,
            ['pending'],
            to,
            { decidedAt: entry.at, ...(to === 'approved' ? { expiresAt: iso(t + fresh.requirement.timeoutMs) } : {}) },
            tx,
          );
        return { added, record: (await store.approvals.get(id, tx))! };
      });
      if (out.added === 'twice')
        throw new GatewayError('approval.conflict', 'You already decided on this request (a person counts once)');
      if (!out.record)
        throw new GatewayError('approval.conflict', `Request ${id} is no longer pending (decided or timed out)`);
      const fresh = out.record;
      const woken = waiters.waiting(id);
      waiters.wake(id);
      // Approved: the woken call's intent record is written next; this record joins that commit.
      await record(
        {
          ...base(fresh),
          type: decision === 'approve' ? 'approval.approved' : 'approval.denied',
          decision: decision === 'approve' ? (fresh.status === 'approved' ? 'allow' : 'hold') : 'deny',
          reasons: [
            `${who.name} ${decision === 'approve' ? 'approved' : 'denied'}${comment ? `: ${comment.slice(0, 500)}` : ''}`,
            progressText(fresh.requirement, fresh.decisions),
          ],
          detail: {
            by: who.name,
            ...(comment ? { comment: comment.slice(0, 2000) } : {}),
            status: fresh.status,
            ...(fresh.status === 'approved' ? { executeBefore: fresh.expiresAt } : {}),
          },
        },
        fresh.status === 'approved' && woken,
      );
      if (fresh.status !== 'pending')
        notify(
          fresh,
          `approval.${fresh.status}`,
          `Approval ${fresh.status}: ${fresh.tool}`,
          `Request ${id} was ${fresh.status} by ${who.name}.`,
        );
      return fresh;
    },

    /**
     * Waits while the request is pending, up to `limitMs`, sending progress notifications (the first at once).
     * Returns the request as it then is (still pending when the limit passed).
     */
    async waitFor(id: string, o: WaitOptions): Promise<ApprovalRecord> {
      const end = now() + o.limitMs;
      let r = await store.approvals.get(id);
      if (!r) throw new GatewayError('approval.not_found', `No approval request ${id}`);
      let step = 0;
      let nextProgress = 0;
      for (;;) {
        const t = now();
        if (r.status === 'pending' && Date.parse(r.expiresAt) <= t) {
          await expire(r);
          r = (await store.approvals.get(id))!;
        }
        if (r.status !== 'pending' || t >= end || o.signal?.aborted) return r;
        if (o.onProgress && t >= nextProgress) {
          o.onProgress({
            progress: ++step,
            message: `Waiting for approval ${id}: ${progressText(r.requirement, r.decisions)}; decision due by ${r.expiresAt}`,
          });
          nextProgress = t + progressEveryMs;
        }
        const wait = Math.max(
          1,
          Math.min(pollMs, end - t, Date.parse(r.expiresAt) - t, o.onProgress ? nextProgress - t : pollMs),
        );
        await waiters.next(id, wait, o.signal);
        r = (await store.approvals.get(id)) ?? r;
      }
    },

    /** approved → executing, durably, right before the call is forwarded. False: used, expired or not approved. */
    async begin(id: string): Promise<boolean> {
      const t = iso();
      if (await store.approvals.transition(id, ['approved'], 'executing', { executingAt: t, unlessExpiredAt: t }))
        return true;
      const r = await store.approvals.get(id);
      if (r?.status === 'approved') await expire(r);
      return false;
    },

    /** executing → executed, with how it ended; recorded as approval.executed. Never throws. */
    async finish(id: string, requestId: string, outcome: string): Promise<void> {
      try {
        const r = await store.approvals.get(id);
        if (!r) return;
        if (!(await store.approvals.transition(id, ['executing'], 'executed', { executedAt: iso(), outcome }))) return;
        waiters.wake(id);
        await record({
          ...base(r),
          type: 'approval.executed',
          requestId,
          decision: 'allow',
          resultStatus: outcome,
          reasons: [`the approved call ran once (${outcome})`],
        });
      } catch (e) {
        log(`approval ${id}: execution not marked finished: ${(e as Error).message}`);
      }
    },

    /** Expires every request past its deadline (pending: denied; approved but unused: void); closes stale marks. */
    async sweep(): Promise<void> {
      for (const r of await store.approvals.due(iso())) await expire(r);
      await service.recover();
    },

    /** While an approved call runs, its `executing` mark is refreshed (a lease other replicas can see). */
    async heartbeat(id: string): Promise<void> {
      await store.approvals.transition(id, ['executing'], 'executing', { executingAt: iso() });
    },

    /**
     * A request left `executing` by a process that stopped may or may not have reached its backend. It is never
     * run again: it is closed as executed with the outcome `interrupted`. `all` (start-up on SQLite, where no other
     * process executes): every mark; otherwise marks whose lease (heartbeat) is older than `staleMs`, since on
     * PostgreSQL another replica may still be running the call.
     */
    async recover(o: { all?: boolean; staleMs?: number } = {}): Promise<number> {
      let n = 0;
      const cutoff = now() - (o.staleMs ?? EXECUTING_LEASE_MS);
      for (const r of await store.approvals.withStatus('executing')) {
        if (!o.all && Date.parse(r.executingAt ?? r.createdAt) > cutoff) continue;
        if (
          !(await store.approvals.transition(r.id, ['executing'], 'executed', {
            executedAt: iso(),
            outcome: 'interrupted',
          }))
        )
          continue;
        n++;
        await record({
          ...base(r),
          type: 'approval.executed',
          decision: 'allow',
          resultStatus: 'interrupted',
          reasons: ['the gateway stopped while the approved call ran; its outcome is unknown and it is not run again'],
        });
      }
      return n;
    },
  };
  return service;
}
