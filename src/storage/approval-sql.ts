import type { ApprovalDecisionEntry, ApprovalRequirement, ApprovalStatus } from '../core/approval.js';
import type { JsonObject } from '../core/tool.js';
import type { ApprovalRecord, ApprovalRepository, Tx } from './repositories.js';

/**
 * The approval store's SQL, shared by both back ends: statements are written with `?` placeholders (PostgreSQL's
 * runner numbers them), JSON is stored as text, times as ISO 8601 UTC strings (which compare as they sort).
 */
export interface SqlRunner {
  all<R>(sql: string, params: readonly unknown[], tx?: Tx): Promise<R[]>;
  /** Returns the number of rows changed. */
  run(sql: string, params: readonly unknown[], tx?: Tx): Promise<number>;
  /** Runs `fn` in one transaction unless `tx` is already one. */
  atomically<T>(tx: Tx | undefined, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Announces a change of request `id` to other processes, delivered when `tx` (if any) commits. */
  changed?(id: string, tx?: Tx): Promise<void>;
}

interface ApprovalRow {
  id: string;
  status: string;
  target_kind: string;
  tool: string;
  backend: string;
  agent: string;
  user_id: string | null;
  requester_ids: string | null;
  args_digest: string;
  call_arguments: string;
  display_arguments: string;
  risk: string;
  rule: string;
  policy_version: string;
  requirement: string;
  request_id: string;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  executing_at: string | null;
  executed_at: string | null;
  outcome: string | null;
}

interface DecisionRow {
  approval_id: string;
  by_user: string;
  decision: string;
  comment: string | null;
  groups_json: string | null;
  at: string;
}

const toRecord = (r: ApprovalRow, decisions: ApprovalDecisionEntry[]): ApprovalRecord => ({
  id: r.id,
  status: r.status as ApprovalStatus,
  ...(r.target_kind === 'resource' || r.target_kind === 'prompt' ? { kind: r.target_kind } : {}),
  tool: r.tool,
  backend: r.backend,
  agent: r.agent,
  ...(r.user_id !== null ? { user: r.user_id } : {}),
  ...(r.requester_ids !== null ? { requesterIdentities: JSON.parse(r.requester_ids) as string[] } : {}),
  argsDigest: r.args_digest,
  callArguments: JSON.parse(r.call_arguments) as JsonObject,
  displayArguments: JSON.parse(r.display_arguments) as JsonObject,
  risk: JSON.parse(r.risk) as ApprovalRecord['risk'],
  rule: r.rule,
  policyVersion: r.policy_version,
  requirement: JSON.parse(r.requirement) as ApprovalRequirement,
  requestId: r.request_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  ...(r.decided_at !== null ? { decidedAt: r.decided_at } : {}),
  ...(r.executing_at !== null ? { executingAt: r.executing_at } : {}),
  ...(r.executed_at !== null ? { executedAt: r.executed_at } : {}),
  ...(r.outcome !== null ? { outcome: r.outcome } : {}),
  decisions,
});

const toDecision = (d: DecisionRow): ApprovalDecisionEntry => ({
  by: d.by_user,
  decision: d.decision === 'approve' ? 'approve' : 'deny',
  ...(d.comment !== null ? { comment: d.comment } : {}),
  at: d.at,
  ...(d.groups_json !== null ? { groups: JSON.parse(d.groups_json) as string[] } : {}),
});

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Cursor: the last item's (created_at, id), base64url. */
const encodeCursor = (r: ApprovalRecord) => Buffer.from(`${r.createdAt}|${r.id}`).toString('base64url');
function decodeCursor(c: string): [string, string] | undefined {
  const s = Buffer.from(c, 'base64url').toString('utf8');
  const i = s.indexOf('|');
  return i > 0 ? [s.slice(0, i), s.slice(i + 1)] : undefined;
}

export function createApprovalRepository(db: SqlRunner): ApprovalRepository {
  const withDecisions = async (rows: ApprovalRow[], tx?: Tx): Promise<ApprovalRecord[]> => {
    if (rows.length === 0) return [];
    const ds = await db.all<DecisionRow>(
      `SELECT * FROM approval_decisions WHERE approval_id IN (${inList(rows.length)}) ORDER BY at, by_user`,
      rows.map((r) => r.id),
      tx,
    );
    return rows.map((r) => toRecord(r, ds.filter((d) => d.approval_id === r.id).map(toDecision)));
  };

  return {
    async insert(a, tx) {
      // A new request has no decisions nor later times; a restored one (`storage copy`) carries them all.
      await db.atomically(tx, async (t) => {
        await db.run(
          `INSERT INTO approvals (id, status, target_kind, tool, backend, agent, user_id, requester_ids, args_digest,
             call_arguments, display_arguments, risk, rule, policy_version, requirement, request_id, created_at,
             expires_at, decided_at, executing_at, executed_at, outcome)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            a.id,
            a.status,
            a.kind ?? 'tool',
            a.tool,
            a.backend,
            a.agent,
            a.user ?? null,
            a.requesterIdentities ? JSON.stringify(a.requesterIdentities) : null,
            a.argsDigest,
            JSON.stringify(a.callArguments),
            JSON.stringify(a.displayArguments),
            JSON.stringify(a.risk),
            a.rule,
            a.policyVersion,
            JSON.stringify(a.requirement),
            a.requestId,
            a.createdAt,
            a.expiresAt,
            a.decidedAt ?? null,
            a.executingAt ?? null,
            a.executedAt ?? null,
            a.outcome ?? null,
          ],
          t,
        );
        for (const d of a.decisions)
          await db.run(
            `INSERT INTO approval_decisions (approval_id, by_user, decision, comment, groups_json, at)
             VALUES (?, ?, ?, ?, ?, ?)`,
            [a.id, d.by, d.decision, d.comment ?? null, d.groups ? JSON.stringify(d.groups) : null, d.at],
            t,
          );
      });
    },
    async get(id, tx) {
      const rows = await db.all<ApprovalRow>('SELECT * FROM approvals WHERE id = ?', [id], tx);
      return (await withDecisions(rows, tx))[0];
    },
    async list(q, tx) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (q.status) {
        where.push('status = ?');
        params.push(q.status);
      }
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      if (after) {
        where.push('(created_at < ? OR (created_at = ? AND id < ?))');
        params.push(after[0], after[0], after[1]);
      }
      const rows = await db.all<ApprovalRow>(
        `SELECT * FROM approvals ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY created_at DESC, id DESC LIMIT ?`,
        [...params, q.limit + 1],
        tx,
      );
      const items = await withDecisions(rows.slice(0, q.limit), tx);
      return rows.length > q.limit ? { items, nextCursor: encodeCursor(items[items.length - 1]!) } : { items };
    },
    async findBound(b, statuses, tx) {
      const rows = await db.all<ApprovalRow>(
        `SELECT * FROM approvals WHERE agent = ? AND target_kind = ? AND tool = ? AND args_digest = ?
           AND policy_version = ? AND COALESCE(user_id, '') = ? AND status IN (${inList(statuses.length)})
         ORDER BY created_at DESC, id DESC`,
        [b.agent, b.kind ?? 'tool', b.tool, b.argsDigest, b.policyVersion, b.user ?? '', ...statuses],
        tx,
      );
      return withDecisions(rows, tx);
    },
    addDecision: (id, d, tx) =>
      db.atomically(tx, async (t) => {
        const n = await db.run(
          `INSERT INTO approval_decisions (approval_id, by_user, decision, comment, groups_json, at)
           SELECT ?, ?, ?, ?, ?, ? WHERE EXISTS
             (SELECT 1 FROM approvals WHERE id = ? AND status = 'pending' AND expires_at > ?)
           ON CONFLICT (approval_id, by_user) DO NOTHING`,
          [id, d.by, d.decision, d.comment ?? null, d.groups ? JSON.stringify(d.groups) : null, d.at, id, d.at],
          t,
        );
        if (n === 1) {
          await db.changed?.(id, t);
          return 'added';
        }
        const mine = await db.all<DecisionRow>(
          'SELECT * FROM approval_decisions WHERE approval_id = ? AND by_user = ?',
          [id, d.by],
          t,
        );
        return mine.length > 0 ? 'twice' : 'closed';
      }),
    async transition(id, from, to, set = {}, tx) {
      const cols: string[] = ['status = ?'];
      const params: unknown[] = [to];
      for (const [key, col] of [
        ['decidedAt', 'decided_at'],
        ['expiresAt', 'expires_at'],
        ['executingAt', 'executing_at'],
        ['executedAt', 'executed_at'],
        ['outcome', 'outcome'],
      ] as const) {
        if (set[key] === undefined) continue;
        cols.push(`${col} = ?`);
        params.push(set[key]);
      }
      const n = await db.run(
        `UPDATE approvals SET ${cols.join(', ')} WHERE id = ? AND status IN (${inList(from.length)})
           ${set.unlessExpiredAt !== undefined ? 'AND expires_at > ?' : ''}`,
        [...params, id, ...from, ...(set.unlessExpiredAt !== undefined ? [set.unlessExpiredAt] : [])],
        tx,
      );
      // A heartbeat (executing → executing) changes nothing anyone waits for.
      if (n === 1 && !(from.length === 1 && from[0] === to)) await db.changed?.(id, tx);
      return n === 1;
    },
    async due(now, tx) {
      const rows = await db.all<ApprovalRow>(
        `SELECT * FROM approvals WHERE status IN ('pending', 'approved') AND expires_at <= ? ORDER BY expires_at`,
        [now],
        tx,
      );
      return withDecisions(rows, tx);
    },
    async withStatus(status, tx) {
      const rows = await db.all<ApprovalRow>(
        'SELECT * FROM approvals WHERE status = ? ORDER BY created_at, id',
        [status],
        tx,
      );
      return withDecisions(rows, tx);
    },
  };
}
