import { randomBytes } from 'node:crypto';
import { readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuditEventInput, AuditRecord } from '../audit/types.js';

/**
 * Calls whose intent is in the audit log but whose outcome never will be: the gateway that sent them died (kill -9,
 * crash, power loss) after the intent was durable and before the outcome was (outcomes ride with the next commit, so
 * a call that finished may lose its outcome too). Every gateway process is an *instance*: a random id carried in the
 * detail of each intent it writes, and a meta row of the audit store (`calls.instance.<id>`) it refreshes every few
 * seconds with its host, pid and the lowest seq of an intent it may still have open. An instance is dead when this
 * gateway has seen its row unchanged for longer than the lease (timed on this gateway's clock alone: replicas' clocks
 * may disagree, and what a row's `seenAt` says is only compared with itself), or at once when it ran on this host, in
 * this PID namespace, under a pid that no longer exists. While this gateway cannot reach the store it forgets what it
 * saw, so after an outage, in which no gateway could refresh its row, every row gets a whole lease again. For a dead instance, the sweep (at start-up and then every few seconds, in every gateway on the store)
 * claims its row (a delete only one process wins) and appends, for each of its intents without an outcome, a
 * `tool.call.interrupted` / `mcp.request.interrupted` record: the result is unknown, the call is not run again. On a
 * shared PostgreSQL store only the intents of the instance that died are closed; another replica's calls in flight
 * are never touched (its row is fresh). Intents written before instances existed carry no id and are left alone.
 */
export const INSTANCE_META_PREFIX = 'calls.instance.';
/** How often an instance refreshes its row, and how old a row must be before its instance is taken for dead. */
export const HEARTBEAT_MS = 5_000;
export const INSTANCE_LEASE_MS = 30_000;

interface InstanceRow {
  host: string;
  /** The PID namespace (Linux: /proc/self/ns/pid), so a pid is compared only where it means the same process. */
  pidNs?: string;
  pid: number;
  startedAt: string;
  seenAt: string;
  /** No intent of this instance without an outcome has a lower seq. */
  openFrom: number;
}

export interface CallLedger {
  /** This process's instance id (goes into `detail.instance` of every intent). */
  readonly instance: string;
  /** An intent was committed at `seq`. */
  opened(seq: number): void;
  /** The outcome of the intent committed at `seq` was committed. */
  closed(seq: number): void;
  /** Closes the intents of dead instances; returns how many were closed. Never rejects. */
  sweep(): Promise<number>;
  /** Starts the heartbeat and the periodic sweep (after a first heartbeat and sweep). */
  start(): Promise<void>;
  /** Stops the timers; removes this instance's row when none of its intents is open. */
  close(): Promise<void>;
}

export interface CallLedgerOptions {
  log: (message: string) => void;
  heartbeatMs?: number;
  leaseMs?: number;
  now?: () => number;
  /** For tests: whether a pid is a live process on this host (default: `process.kill(pid, 0)`). */
  isAlive?: (pid: number) => boolean;
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, it is just not ours.
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function parseRow(value: string): InstanceRow | undefined {
  try {
    const r = JSON.parse(value) as Partial<InstanceRow>;
    if (typeof r.host !== 'string' || typeof r.pid !== 'number' || typeof r.seenAt !== 'string') return undefined;
    if (typeof r.openFrom !== 'number') return undefined;
    return r as InstanceRow;
  } catch {
    return undefined;
  }
}

const INTENTS = ['tool.call.requested', 'mcp.request.requested'] as const;
const PAGE = 500;

export function createCallLedger(audit: AuditLog, options: CallLedgerOptions): CallLedger {
  const store = audit.store;
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const leaseMs = options.leaseMs ?? INSTANCE_LEASE_MS;
  const isAlive = options.isAlive ?? processAlive;
  // 64 random bits, short: it is in every intent record.
  const instance = randomBytes(8).toString('hex');
  const key = INSTANCE_META_PREFIX + instance;
  const host = hostname();
  const pidNs = pidNamespace();
  const startedAt = new Date(now()).toISOString();
  const open = new Set<number>();
  let lowWater = 0;
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<number> | undefined;
  /** Each other instance's row as last read, and when (this gateway's clock) it was first read with that `seenAt`. */
  const observed = new Map<string, { seenAt: string; since: number }>();

  const openFrom = () => (open.size > 0 ? Math.min(...open) : lowWater);
  const heartbeat = () =>
    store.setMeta(
      key,
      JSON.stringify({
        host,
        ...(pidNs ? { pidNs } : {}),
        pid: process.pid,
        startedAt,
        seenAt: new Date(now()).toISOString(),
        openFrom: openFrom(),
      } satisfies InstanceRow),
    );

  const dead = (id: string, row: InstanceRow): boolean => {
    if (id === instance) return false;
    const o = observed.get(id);
    if (o === undefined || o.seenAt !== row.seenAt) observed.set(id, { seenAt: row.seenAt, since: now() });
    else if (now() - o.since > leaseMs) return true;
    return row.host === host && row.pidNs !== undefined && row.pidNs === pidNs && !isAlive(row.pid);
  };

  /** Every intent of `id` at or after `from` that has no outcome in the log. */
  async function openIntents(id: string, from: number): Promise<AuditRecord[]> {
    const found: AuditRecord[] = [];
    for (const type of INTENTS) {
      let cursor: string | undefined;
      do {
        const page = await audit.query({ type, fromSeq: from, order: 'asc', limit: PAGE }, cursor);
        for (const r of page.records) if (r.detail?.instance === id) found.push(r);
        cursor = page.nextCursor;
      } while (cursor);
    }
    const without: AuditRecord[] = [];
    for (const intent of found) {
      if (!intent.requestId) continue;
      const family = intent.type.slice(0, -'requested'.length);
      const same = await audit.query({
        requestId: intent.requestId,
        fromSeq: intent.seq + 1,
        order: 'asc',
        limit: PAGE,
      });
      if (!same.records.some((r) => r.type.startsWith(family) && r.type !== intent.type)) without.push(intent);
    }
    return without.sort((a, b) => a.seq - b.seq);
  }

  function interruptedEvent(intent: AuditRecord, id: string): AuditEventInput {
    const type = intent.type === 'tool.call.requested' ? 'tool.call.interrupted' : 'mcp.request.interrupted';
    // Only what the intent's own query fields carry (already redacted there): never arguments or error text.
    const event: AuditEventInput = { type, decision: 'allow', resultStatus: 'interrupted' };
    if (intent.requestId !== undefined) event.requestId = intent.requestId;
    if (intent.agent !== undefined) event.agent = intent.agent;
    if (intent.user !== undefined) event.user = intent.user;
    if (intent.tool !== undefined) event.tool = intent.tool;
    if (intent.backend !== undefined) event.backend = intent.backend;
    if (intent.risk !== undefined) event.risk = intent.risk;
    if (intent.approvalId !== undefined) event.approvalId = intent.approvalId;
    event.reasons = [
      'the gateway that sent this call stopped (crash, kill or power loss) before its outcome was recorded; the result is unknown and the call is not run again',
    ];
    const detail: NonNullable<AuditEventInput['detail']> = { instance: id, intentSeq: intent.seq };
    if (typeof intent.detail?.method === 'string') detail.method = intent.detail.method;
    if (typeof intent.detail?.target === 'string') detail.target = intent.detail.target;
    event.detail = detail;
    return event;
  }

  async function sweepOnce(): Promise<number> {
    let closed = 0;
    const rows = await store.listMeta(INSTANCE_META_PREFIX);
    const present = new Set(rows.map((r) => r.key.slice(INSTANCE_META_PREFIX.length)));
    for (const id of observed.keys()) if (!present.has(id)) observed.delete(id);
    for (const { key: k, value } of rows) {
      const id = k.slice(INSTANCE_META_PREFIX.length);
      const row = parseRow(value);
      if (!row) {
        options.log(`audit: instance row ${k} is unreadable; removed`);
        await store.deleteMeta(k);
        continue;
      }
      if (!dead(id, row)) continue;
      const intents = await openIntents(id, row.openFrom);
      // Claimed by deleting the row: of several gateways sweeping at once, only one closes these intents.
      if (!(await store.deleteMeta(k))) continue;
      for (const intent of intents) await audit.append(interruptedEvent(intent, id));
      closed += intents.length;
      if (intents.length > 0)
        options.log(
          `audit: ${intents.length} call(s) of a gateway that stopped (pid ${row.pid} on ${row.host}) had no outcome; recorded as interrupted (result unknown, not run again)`,
        );
    }
    return closed;
  }

  const ledger: CallLedger = {
    instance,
    opened(seq) {
      open.add(seq);
    },
    closed(seq) {
      open.delete(seq);
      if (seq >= lowWater) lowWater = seq + 1;
    },
    sweep() {
      sweeping ??= sweepOnce()
        .catch((e: unknown) => {
          observed.clear();
          options.log(`audit: closing the calls of stopped gateways failed (tried again): ${(e as Error).message}`);
          return 0;
        })
        .finally(() => (sweeping = undefined));
      return sweeping;
    },
    async start() {
      const head = await store.head();
      lowWater = (head?.seq ?? 0) + 1;
      // A failed first heartbeat is tried again in a few seconds; until then no other gateway can see this one, which
      // only matters if it dies before (its intents are then closed by nobody: the row is what names them).
      await heartbeat().catch((e: unknown) => options.log(`audit: instance heartbeat failed: ${(e as Error).message}`));
      await ledger.sweep();
      timer = setInterval(() => {
        heartbeat()
          .then(() => ledger.sweep())
          .catch((e: unknown) => {
            observed.clear();
            options.log(`audit: instance heartbeat failed: ${(e as Error).message}`);
          });
      }, heartbeatMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await sweeping;
      try {
        if (open.size === 0) await store.deleteMeta(key);
        else await heartbeat();
      } catch (e) {
        options.log(`audit: instance row not updated on close: ${(e as Error).message}`);
      }
    },
  };
  return ledger;
}
