import type { AgentConfig } from '../config/schema.js';
import type { Effect } from '../core/decision.js';
import { compileCondition, type Condition } from './cel.js';
import type { PolicyConfig, RuleConfig } from './config-schema.js';
import { compileGlob, foldName, type Glob } from './glob.js';
import type { ApprovalRequirement } from '../core/approval.js';
import { requirementOf } from './approval-config.js';

export type RuleKind = 'tool' | 'prompt' | 'resource' | 'any';

/** A rule after config load: globs and CEL compiled, lists turned into sets. Never recompiled per request. */
export interface CompiledRule {
  id: string;
  effect: Effect;
  description?: string;
  kind: RuleKind;
  /** Tool / prompt / resource patterns (absent: every target of the kind). */
  names?: Glob[];
  agents?: Glob[];
  users?: Glob[];
  groups?: ReadonlySet<string>;
  /** `groups` in `foldName` form: what a deny or hold rule matches (every case / NFKC spelling of a group). */
  groupsFolded?: ReadonlySet<string>;
  roles?: ReadonlySet<string>;
  backends?: ReadonlySet<string>;
  risk?: ReadonlySet<string>;
  categories?: ReadonlySet<string>;
  sideEffects?: ReadonlySet<string>;
  when?: Condition;
  /** The rule lists `high` under risk: its globs may grant high-risk tools (sensitive by default otherwise). */
  grantsHighByGlob: boolean;
  /** Per-agent shorthand (`agents.<name>.tools.allow` ...): reasons keep the familiar wording. */
  shorthand?: 'tool' | 'prompt' | 'resource';
  /** `hold` rules: what the approval needs (defaults from `policy.approvals` filled in). */
  approval?: ApprovalRequirement;
}

/** A recorded exception to the critical-category approval default (listed by the security report). */
export interface ApprovalWaiver {
  /** Where it is in config: `policy.approvals.waivers.<i>`. */
  id: string;
  tools?: readonly string[];
  categories?: readonly string[];
  reason: string;
}

/** The default approval rule: allowed calls to tools in these categories are held unless waived. */
export interface CriticalDefault {
  id: 'approvals.critical';
  categories: ReadonlySet<string>;
  requirement: ApprovalRequirement;
  waivers: readonly (ApprovalWaiver & { names?: Glob[]; waived: ReadonlySet<string> })[];
  /** How long an agent's call waits before returning the approval id. */
  waitMs: number;
}

export interface CompiledRole {
  name: string;
  agents: ReadonlySet<string>;
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
  /** The members in `foldName` form: who holds the role when a deny or hold rule names it. */
  folded: { agents: ReadonlySet<string>; users: ReadonlySet<string>; groups: ReadonlySet<string> };
}

export interface CompiledPolicy {
  rules: readonly CompiledRule[];
  roles: readonly CompiledRole[];
  /** The critical-category approval default and its waivers. */
  approvals: CriticalDefault;
  /** Waivers of the approval default, with their reasons (for the security report). */
  approvalWaivers: readonly ApprovalWaiver[];
}

const set = (xs: readonly string[] | undefined) => (xs ? new Set(xs) : undefined);
const globs = (xs: readonly string[] | undefined) => xs?.map(compileGlob);

function fromConfig(r: RuleConfig, index: number, approvals: PolicyConfig['approvals']): CompiledRule {
  const kind: RuleKind = r.tools ? 'tool' : r.prompts ? 'prompt' : r.resources ? 'resource' : 'any';
  const names = globs(r.tools ?? r.prompts ?? r.resources);
  return {
    id: r.id ?? `policy.rules.${index}`,
    effect: r.effect,
    ...(r.description ? { description: r.description } : {}),
    kind,
    ...(names ? { names } : {}),
    ...(r.agents ? { agents: globs(r.agents)! } : {}),
    ...(r.users ? { users: globs(r.users)! } : {}),
    ...(r.groups ? { groups: set(r.groups)!, groupsFolded: new Set(r.groups.map(foldName)) } : {}),
    ...(r.roles ? { roles: set(r.roles)! } : {}),
    ...(r.backends ? { backends: set(r.backends)! } : {}),
    ...(r.risk ? { risk: set(r.risk)! } : {}),
    ...(r.categories ? { categories: set(r.categories)! } : {}),
    ...(r.sideEffects ? { sideEffects: set(r.sideEffects)! } : {}),
    ...(r.when ? { when: compileCondition(r.when) } : {}),
    grantsHighByGlob: r.risk?.includes('high') === true,
    ...(r.effect === 'hold' ? { approval: requirementOf(r.approval, approvals) } : {}),
  };
}

function shorthand(agent: string, cfg: AgentConfig): CompiledRule[] {
  const out: CompiledRule[] = [];
  const who = [compileGlob(agent)]; // agent names hold no wildcard characters
  const add = (kind: 'tool' | 'prompt' | 'resource', key: 'tools' | 'prompts' | 'resources') => {
    for (const effect of ['deny', 'allow'] as const) {
      const patterns = cfg[key][effect];
      if (patterns.length === 0) continue;
      out.push({
        id: `agents.${agent}.${key}.${effect}`,
        effect,
        kind,
        names: patterns.map(compileGlob),
        agents: who,
        grantsHighByGlob: false,
        shorthand: kind,
      });
    }
  };
  add('tool', 'tools');
  add('prompt', 'prompts');
  add('resource', 'resources');
  return out;
}

/** Compiles the per-agent shorthand and the `policy` section into one ordered rule list (shorthand first). */
export function compilePolicy(agents: Readonly<Record<string, AgentConfig>>, policy: PolicyConfig): CompiledPolicy {
  const rules = [
    ...Object.entries(agents).flatMap(([name, cfg]) => shorthand(name, cfg)),
    ...policy.rules.map((r, i) => fromConfig(r, i, policy.approvals)),
  ];
  const roles = Object.entries(policy.roles).map(([name, r]) => ({
    name,
    agents: new Set(r.agents),
    users: new Set(r.users),
    groups: new Set(r.groups),
    folded: {
      agents: new Set(r.agents.map(foldName)),
      users: new Set(r.users.map(foldName)),
      groups: new Set(r.groups.map(foldName)),
    },
  }));
  const a = policy.approvals;
  const approvalWaivers: ApprovalWaiver[] = a.waivers.map((w, i) => ({
    id: `policy.approvals.waivers.${i}`,
    ...(w.tools ? { tools: [...w.tools] } : {}),
    ...(w.categories ? { categories: [...w.categories] } : {}),
    reason: w.reason,
  }));
  const approvals: CriticalDefault = {
    id: 'approvals.critical',
    categories: new Set(a.categories),
    requirement: requirementOf(undefined, a),
    waivers: approvalWaivers.map((w) => ({
      ...w,
      ...(w.tools ? { names: w.tools.map(compileGlob) } : {}),
      waived: new Set(w.categories ?? a.categories),
    })),
    waitMs: a.wait,
  };
  return { rules, roles, approvals, approvalWaivers };
}

/**
 * The critical categories of a tool that still need a person: those in `policy.approvals.categories`, minus the
 * ones a waiver covering this tool names. Empty: no default approval.
 */
export function unwaivedCritical(d: CriticalDefault, tool: string, categories: readonly string[]): string[] {
  return categories.filter(
    (c) =>
      d.categories.has(c) && !d.waivers.some((w) => w.waived.has(c) && (!w.names || w.names.some((g) => g.test(tool)))),
  );
}
