import type { AgentConfig } from '../config/schema.js';
import type { Effect } from '../core/decision.js';
import { compileCondition, type Condition } from './cel.js';
import type { PolicyConfig, RuleConfig } from './config-schema.js';
import { compileGlob, type Glob } from './glob.js';

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
}

export interface CompiledRole {
  name: string;
  agents: ReadonlySet<string>;
  users: ReadonlySet<string>;
  groups: ReadonlySet<string>;
}

export interface CompiledPolicy {
  rules: readonly CompiledRule[];
  roles: readonly CompiledRole[];
}

const set = (xs: readonly string[] | undefined) => (xs ? new Set(xs) : undefined);
const globs = (xs: readonly string[] | undefined) => xs?.map(compileGlob);

function fromConfig(r: RuleConfig, index: number): CompiledRule {
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
    ...(r.groups ? { groups: set(r.groups)! } : {}),
    ...(r.roles ? { roles: set(r.roles)! } : {}),
    ...(r.backends ? { backends: set(r.backends)! } : {}),
    ...(r.risk ? { risk: set(r.risk)! } : {}),
    ...(r.categories ? { categories: set(r.categories)! } : {}),
    ...(r.sideEffects ? { sideEffects: set(r.sideEffects)! } : {}),
    ...(r.when ? { when: compileCondition(r.when) } : {}),
    grantsHighByGlob: r.risk?.includes('high') === true,
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
    ...policy.rules.map(fromConfig),
  ];
  const roles = Object.entries(policy.roles).map(([name, r]) => ({
    name,
    agents: new Set(r.agents),
    users: new Set(r.users),
    groups: new Set(r.groups),
  }));
  return { rules, roles };
}
