/**
 * Facts derived once from a snapshot and shared by the checks: the real policy decision (listing mode) for every
 * agent × tool, the approval each agent's call of a tool needs, owners, thresholds.
 */
import type { ToolTarget } from '../core/decision.js';
import { compilePolicy } from '../policy/compile.js';
import { createPolicyEngine, type PolicyEngine } from '../policy/engine.js';
import { compileGlob } from '../policy/glob.js';
import type { ReportConfig } from './config-schema.js';
import type { DeploymentSnapshot, ToolFacts } from './snapshot.js';
import type { CheckResult, CheckStatus, Evidence, ReportArea } from './types.js';

export type Approval = 'always' | 'threshold' | 'none';

export interface Grant {
  agent: string;
  tool: ToolFacts;
  /** The deciding rule (listing mode) and whether a glob (not the exact name) granted it. */
  rule: string;
  approval: Approval;
}

export interface CheckContext {
  s: DeploymentSnapshot;
  thresholds: ReportConfig;
  engine: PolicyEngine;
  agents: string[];
  /** Servable tools (quarantined ones are withheld from everyone). */
  servable: ToolFacts[];
  /** Every visible (agent, tool) pair with its approval requirement. */
  grants: Grant[];
  grantsOf(agent: string): Grant[];
  grantsFor(tool: string): Grant[];
  ownerOf(tool: string): string | undefined;
  /** The checks already run (the `reports` area reads the others' results). */
  results: CheckResult[];
}

export const targetOf = (t: ToolFacts): ToolTarget => ({
  kind: 'tool',
  name: t.name,
  backend: t.backend,
  risk: { level: t.risk.level, categories: t.risk.categories, sideEffect: t.risk.sideEffect },
});

export function buildContext(s: DeploymentSnapshot): CheckContext {
  const engine = createPolicyEngine(compilePolicy(s.config.agents, s.config.policy));
  const rules = new Map(engine.policy.rules.map((r) => [r.id, r]));
  const agents = Object.keys(s.config.agents).sort();
  const servable = s.tools.filter((t) => !t.quarantined);
  const grants: Grant[] = [];
  for (const agent of agents) {
    for (const tool of servable) {
      const d = engine.listing({ agent, method: 'api-key' }, targetOf(tool));
      if (d.effect === 'deny') continue;
      const approval: Approval = d.effect === 'hold' ? (rules.get(d.rule)?.when ? 'threshold' : 'always') : 'none';
      grants.push({ agent, tool, rule: d.rule, approval });
    }
  }
  const owners = Object.entries(s.config.owners).map(([pattern, owner]) => ({ glob: compileGlob(pattern), owner }));
  const thresholds = s.config.report;
  return {
    s,
    thresholds,
    engine,
    agents,
    servable,
    grants,
    grantsOf: (a) => grants.filter((g) => g.agent === a),
    grantsFor: (t) => grants.filter((g) => g.tool.name === t),
    ownerOf: (t) => owners.find((o) => o.glob.test(t))?.owner,
    results: [],
  };
}

/** The approval a tool's calls need across every agent that sees it: the weakest one wins. */
export function approvalOfTool(ctx: CheckContext, tool: string): Approval | undefined {
  const gs = ctx.grantsFor(tool);
  if (gs.length === 0) return undefined;
  if (gs.some((g) => g.approval === 'none')) return 'none';
  return gs.some((g) => g.approval === 'threshold') ? 'threshold' : 'always';
}

/** One check: what it reads, how much it weighs, and the pure function that decides it. */
export interface CheckDef {
  id: string;
  area: ReportArea;
  title: string;
  /** 1 (hygiene) to 3 (a gap an attacker would use). */
  weight: 1 | 2 | 3;
  inspected: string[];
  remediation: string;
  run(ctx: CheckContext): Outcome;
}

export interface Outcome {
  status: CheckStatus;
  evidence: Evidence;
  /** Replaces the definition's remediation when the finding needs a more specific one. */
  remediation?: string;
}

const MAX_ITEMS = 50;

export function evidence(summary: string, items?: readonly string[], counts?: Record<string, number>): Evidence {
  const e: Evidence = { summary };
  if (items && items.length > 0) {
    const sorted = [...items].sort();
    e.items = sorted.slice(0, MAX_ITEMS);
    if (sorted.length > MAX_ITEMS) e.more = sorted.length - MAX_ITEMS;
  }
  if (counts) e.counts = counts;
  return e;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
