/** Runs the checks over a snapshot and assembles the report (pure: the same snapshot gives the same report). */
import { configSchema } from '../config/config.js';
import { deploymentChecks, inventoryOnlyChecks } from './checks/index.js';
import { approvalOfTool, buildContext, type CheckContext, type CheckDef } from './context.js';
import { scoreOf } from './score.js';
import type { DeploymentSnapshot, ToolFacts } from './snapshot.js';
import type { Acknowledgement, CheckResult, HistoryEntry, Report, Score } from './types.js';

export interface ReportMeta {
  portcullisVersion: string;
}

const expired = (a: Acknowledgement, now: string) => Date.parse(a.expiresAt) <= Date.parse(now);

/** The newest acknowledgement of each check. */
function latestAcks(acks: readonly Acknowledgement[]): Map<string, Acknowledgement> {
  const out = new Map<string, Acknowledgement>();
  for (const a of [...acks].sort((x, y) => x.createdAt.localeCompare(y.createdAt) || x.id.localeCompare(y.id)))
    out.set(a.checkId, a);
  return out;
}

function runChecks(ctx: CheckContext, defs: readonly CheckDef[]): CheckResult[] {
  const acks = latestAcks(ctx.s.acknowledgements);
  for (const def of defs) {
    const o = def.run(ctx);
    const r: CheckResult = {
      id: def.id,
      area: def.area,
      title: def.title,
      weight: def.weight,
      status: o.status,
      evidence: o.evidence,
      inspected: def.inspected,
      remediation: o.remediation ?? def.remediation,
    };
    const ack = acks.get(def.id);
    if (ack && (o.status === 'fail' || o.status === 'warn'))
      r.acknowledgement = { ...ack, expired: expired(ack, ctx.s.now) };
    ctx.results.push(r);
  }
  return ctx.results;
}

function inventoryOf(ctx: CheckContext, withPolicy: boolean): Report['inventory'] {
  const tools = [...ctx.s.tools].sort((a, b) => a.name.localeCompare(b.name));
  const byBackend: Report['inventory']['byBackend'] = {};
  const byCategory: Record<string, number> = {};
  const bySideEffect: Record<string, number> = {};
  for (const t of tools) {
    const b = (byBackend[t.backend] ??= { low: 0, medium: 0, high: 0 });
    b[t.risk.level]++;
    for (const c of t.risk.categories) byCategory[c] = (byCategory[c] ?? 0) + 1;
    bySideEffect[t.risk.sideEffect] = (bySideEffect[t.risk.sideEffect] ?? 0) + 1;
  }
  return {
    tools: tools.map((t) => {
      const owner = ctx.ownerOf(t.name);
      const agents = ctx.grantsFor(t.name).map((g) => g.agent);
      return {
        name: t.name,
        backend: t.backend,
        source: t.source,
        ...(t.description ? { description: t.description } : {}),
        ...(owner ? { owner } : {}),
        risk: {
          level: t.risk.level,
          categories: [...t.risk.categories],
          sideEffect: t.risk.sideEffect,
          reasons: [...t.risk.reasons],
          ...(t.risk.override ? { override: t.risk.override.reason } : {}),
        },
        findings: t.findings.map((f) => ({ severity: f.severity, kind: f.kind, message: f.message })),
        ...(t.accepted ? { accepted: t.accepted } : {}),
        quarantined: t.quarantined,
        ...(t.pin ? { pin: t.pin } : {}),
        ...(withPolicy ? { approval: approvalOfTool(ctx, t.name) ?? 'none', agents } : {}),
      };
    }),
    byBackend,
    byCategory,
    bySideEffect,
  };
}

export function historyEntryOf(at: string, score: Score): HistoryEntry {
  const areas: HistoryEntry['areas'] = {};
  for (const [k, v] of Object.entries(score.areas)) if (v.score !== null) areas[k as keyof typeof areas] = v.score;
  return { at, score: score.value, grade: score.grade, areas };
}

export function buildDeploymentReport(s: DeploymentSnapshot, meta: ReportMeta): Report {
  const ctx = buildContext(s);
  const checks = runChecks(ctx, deploymentChecks);
  const score = scoreOf(checks);
  const audit = 'error' in s.audit ? undefined : s.audit;
  return {
    schemaVersion: 1,
    kind: 'deployment',
    generatedAt: s.now,
    portcullisVersion: meta.portcullisVersion,
    subject: { ...(s.configFile ? { config: s.configFile } : {}), ...(s.storage ? { storage: s.storage } : {}) },
    score,
    checks,
    inventory: inventoryOf(ctx, true),
    permissions: ctx.agents.map((agent) => {
      const gs = ctx.grantsOf(agent);
      return {
        agent,
        visible: gs.length,
        total: ctx.servable.length,
        high: gs.filter((g) => g.tool.risk.level === 'high').map((g) => g.tool.name),
        called: audit?.calledByAgent[agent]?.length ?? 0,
      };
    }),
    audit: {
      windowDays: ctx.thresholds.windowDays,
      toolCalls: audit?.toolCalls ?? 0,
      callsWithUser: audit?.callsWithUser ?? 0,
      approvalEvents: audit?.approvalEvents ?? 0,
      records: audit?.records ?? 0,
      chainVerified: audit && !('error' in audit.verify) ? audit.verify.ok : null,
    },
    acknowledgements: [...s.acknowledgements]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((a) => ({ ...a, expired: expired(a, s.now) })),
    history: [...s.history, historyEntryOf(s.now, score)],
  };
}

/** The funnel: inventory, risk and side effects of tools that are not deployed (no config, no store). */
export function buildInventoryReport(
  tools: ToolFacts[],
  subject: Report['subject'],
  now: string,
  meta: ReportMeta,
): Report {
  const s: DeploymentSnapshot = {
    now,
    config: configSchema.parse({}),
    rawConfig: {},
    tools,
    keys: [],
    audit: { error: 'not deployed' },
    acknowledgements: [],
    history: [],
  };
  const ctx = buildContext(s);
  return {
    schemaVersion: 1,
    kind: 'inventory',
    generatedAt: now,
    portcullisVersion: meta.portcullisVersion,
    subject,
    checks: runChecks(ctx, inventoryOnlyChecks),
    inventory: inventoryOf(ctx, false),
  };
}
