/**
 * Gathers a deployment snapshot from the real parts: the loaded config (and its raw text), the live catalog, the
 * key store, the audit log (read, verified), the vault's metadata and the report store. Only reads.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readAnchors, defaultAnchorPath } from '../audit/anchor.js';
import { parseBody } from '../audit/chain.js';
import { queryAudit } from '../audit/query.js';
import type { AuditStore } from '../audit/store.js';
import type { AuditFilter, SinkStatus, VerifyResult } from '../audit/types.js';
import type { CatalogEntry } from '../backends/catalog.js';
import type { LoadedConfig } from '../config/load.js';
import { acceptanceFor, type RiskConfig } from '../risk/overrides.js';
import type { Stores } from '../storage/repositories.js';
import { DAY_MS, type AuditFacts, type DeploymentSnapshot, type SecretFacts, type ToolFacts } from './snapshot.js';
import type { Acknowledgement, HistoryEntry } from './types.js';

/** Read access to the audit log: a running gateway passes its log; the CLI a read-only store and a verifier. */
export interface AuditSource {
  store: AuditStore;
  verify(): Promise<VerifyResult>;
  sinkStatus?(): SinkStatus[];
}

export interface GatherDeps {
  loaded: LoadedConfig;
  /** Every catalog tool, quarantined ones included. */
  tools: readonly CatalogEntry[];
  stores: Pick<Stores, 'apiKeys' | 'location'>;
  /** Undefined when the audit log cannot be opened; `reason` says why. */
  audit: AuditSource | { error: string };
  /** The built-in vault's metadata; undefined when the provider is not the built-in vault. */
  secrets?: () => Promise<SecretFacts[]>;
  acknowledgements?: () => Promise<Acknowledgement[]>;
  history?: () => Promise<HistoryEntry[]>;
  now?: Date;
}

/** At most this many records of one type are read from the window (the report says counts are capped). */
const MAX_SCAN = 100_000;

async function scan(
  store: AuditStore,
  filter: AuditFilter,
  each: (r: Awaited<ReturnType<typeof queryAudit>>['records'][number]) => void,
): Promise<void> {
  let cursor: string | undefined;
  let seen = 0;
  do {
    const page = await queryAudit(store, { ...filter, order: 'asc', limit: 1000 }, cursor);
    for (const r of page.records) each(r);
    seen += page.records.length;
    cursor = page.nextCursor;
  } while (cursor && seen < MAX_SCAN);
}

export function toolFactsOf(e: CatalogEntry, risk?: RiskConfig): ToolFacts {
  const d = e.original.description ?? e.original.title;
  const accepted = risk && e.findings.length > 0 ? acceptanceFor(e.name, risk) : undefined;
  return {
    name: e.name,
    backend: e.backend.name,
    source: e.source.kind,
    ...(d ? { description: d } : {}),
    risk: e.risk,
    findings: e.findings,
    ...(accepted ? { accepted: accepted.reason } : {}),
    quarantined: e.quarantined,
    ...(e.pin
      ? {
          pin: {
            state: e.pin.state,
            ...(e.pin.hash ? { hash: e.pin.hash } : {}),
            ...(e.pin.reason ? { reason: e.pin.reason } : {}),
          },
        }
      : {}),
  };
}

async function auditFacts(loaded: LoadedConfig, src: AuditSource, now: Date): Promise<AuditFacts> {
  const { store } = src;
  const cfg = loaded.config;
  const from = new Date(now.getTime() - cfg.report.windowDays * DAY_MS).toISOString();
  const to = now.toISOString();
  const head = await store.head();
  const calls: { seq: number; agent?: string; tool?: string; user?: string }[] = [];
  await scan(store, { type: 'tool.call.requested', from, to }, (r) =>
    calls.push({
      seq: r.seq,
      ...(r.agent ? { agent: r.agent } : {}),
      ...(r.tool ? { tool: r.tool } : {}),
      ...(r.user ? { user: r.user } : {}),
    }),
  );
  const approvals: number[] = [];
  for (const type of [
    'approval.requested',
    'approval.granted',
    'approval.rejected',
    'approval.expired',
    'approval.approved',
    'approval.denied',
    'approval.executed',
  ])
    await scan(store, { type, from, to }, (r) => void approvals.push(r.seq));
  const leakRecords: { seq: number; where: string }[] = [];
  await scan(store, { type: 'secret.leak.redacted', from, to }, (r) =>
    leakRecords.push({ seq: r.seq, where: r.tool ?? r.backend ?? 'unknown' }),
  );
  let verify: AuditFacts['verify'];
  try {
    const v = await src.verify();
    verify = {
      ok: v.ok,
      records: v.records,
      checkpoints: v.checkpoints,
      issues: v.issues.map((i) => `seq ${i.seq}: ${i.kind}: ${i.message}`),
    };
  } catch (e) {
    verify = { error: (e as Error).message };
  }
  const anchorPath = cfg.audit.anchorPath
    ? resolve(loaded.baseDir, cfg.audit.anchorPath)
    : defaultAnchorPath(loaded.dataDir);
  const anchors = await readAnchors(anchorPath);
  // Records leave the log only from its start (a retention prune, by this process or by another replica on a shared
  // database), also while this report is being gathered. Where the log starts is read after everything else, and
  // every figure counts only what is still in the log: the anchor file keeps the checkpoints of pruned records, and
  // the scans above may have read records a prune has deleted since. (Chain verification: verify-cache.ts.)
  const first = await store.first();
  const startSeq = first?.seq ?? Number.POSITIVE_INFINITY;
  const kept = <T extends { seq: number }>(xs: readonly T[]): T[] => xs.filter((x) => x.seq >= startSeq);
  const keptCalls = kept(calls);
  const calledByAgent: Record<string, Set<string>> = {};
  for (const r of keptCalls) if (r.agent && r.tool) (calledByAgent[r.agent] ??= new Set()).add(r.tool);
  const keptLeaks = kept(leakRecords);
  // Anchored checkpoints of records still in the log (one beyond the head read above is a newer one, or a truncation
  // that verification reports; neither is counted here).
  const anchored = anchors.checkpoints.filter((c) => c.seq >= startSeq && head !== undefined && c.seq <= head.seq);
  const pendingSince = anchored.length === 0 && first ? parseBody(first.body)?.event.timestamp : undefined;
  const keyPath = cfg.audit.signingKeyPath ? resolve(loaded.baseDir, cfg.audit.signingKeyPath) : undefined;
  const rel = keyPath ? relative(loaded.dataDir, keyPath) : '';
  const signingKeyInsideDataDir = cfg.audit.signingKeyEnv
    ? false
    : keyPath === undefined || (!rel.startsWith('..') && !isAbsolute(rel));
  const sinkStatus = src.sinkStatus?.().map((x) => ({
    name: x.name,
    ok: x.lastError === undefined,
    ...(x.lastError ? { detail: x.lastError } : {}),
  }));
  return {
    records: first && head && head.seq >= first.seq ? head.seq - first.seq + 1 : 0,
    toolCalls: keptCalls.length,
    callsWithUser: keptCalls.filter((r) => r.user).length,
    calledByAgent: Object.fromEntries(Object.entries(calledByAgent).map(([a, s]) => [a, [...s].sort()])),
    approvalEvents: approvals.filter((seq) => seq >= startSeq).length,
    leaks: { count: keptLeaks.length, where: [...new Set(keptLeaks.map((l) => l.where))].sort() },
    verify,
    anchor: { path: anchorPath, checkpoints: anchored.length, ...(pendingSince ? { pendingSince } : {}) },
    ...(sinkStatus ? { sinkStatus } : {}),
    signingKeyInsideDataDir,
  };
}

export async function gatherSnapshot(deps: GatherDeps): Promise<DeploymentSnapshot> {
  const now = deps.now ?? new Date();
  const { loaded } = deps;
  let rawConfig: unknown;
  try {
    rawConfig = parseYaml(readFileSync(loaded.file, 'utf8')) ?? {};
  } catch {
    rawConfig = {}; // the file changed since it was loaded: the credential check then sees no credential
  }
  let audit: DeploymentSnapshot['audit'];
  if ('error' in deps.audit) audit = deps.audit;
  else {
    try {
      audit = await auditFacts(loaded, deps.audit, now);
    } catch (e) {
      audit = { error: (e as Error).message };
    }
  }
  let secrets: DeploymentSnapshot['secrets'];
  if (deps.secrets) {
    try {
      secrets = (await deps.secrets()).map((x) => ({ name: x.name, version: x.version, updatedAt: x.updatedAt }));
    } catch (e) {
      secrets = { error: (e as Error).message };
    }
  }
  const [agentKeys, userKeys] = await Promise.all([
    deps.stores.apiKeys.listByAgent('agent'),
    deps.stores.apiKeys.listByAgent('user'),
  ]);
  return {
    now: now.toISOString(),
    configFile: loaded.file,
    storage: deps.stores.location,
    config: loaded.config,
    rawConfig,
    tools: deps.tools.map((e) => toolFactsOf(e, loaded.config.risk)).sort((a, b) => a.name.localeCompare(b.name)),
    keys: [...agentKeys, ...userKeys],
    audit,
    ...(secrets !== undefined ? { secrets } : {}),
    acknowledgements: (await deps.acknowledgements?.()) ?? [],
    history: (await deps.history?.()) ?? [],
  };
}
