import type { Decision, Target } from '../core/decision.js';
import type { Principal } from '../core/principal.js';
import type { ConditionInput } from './cel.js';
import { unwaivedCritical, type CompiledPolicy, type CompiledRule } from './compile.js';
import { foldName, type Glob } from './glob.js';

export interface PolicyEngine {
  /** The one decision point: every MCP method that reaches a backend asks it, with the normalised target. */
  evaluate(principal: Principal, target: Target): Decision;
  /**
   * Listing visibility: the same rules, with argument conditions undecided (an allow that depends on arguments
   * shows the tool, the call decides; a deny that depends on arguments does not hide it).
   */
  visible(principal: Principal, target: Target): boolean;
  /** The decision behind `visible` (listing mode), with its rule and reasons: for the permission matrix. */
  listing(principal: Principal, target: Target): Decision;
  /** Drops cached decisions (the tool catalog changed: risk may have changed with it). */
  invalidate(): void;
  readonly policy: CompiledPolicy;
}

const SENSITIVE_LEVELS = new Set(['high', 'critical']);
const CACHE_LIMIT = 50_000;

type Leaf = Exclude<Target, { kind: 'completion' }>;

const keyOf = (p: Principal) => `${p.agent}\u0000${p.user ?? ''}\u0000${(p.groups ?? []).join('\u0001')}`;

/** Deny and hold rules restrict: their names also match every case and compatibility form (`foldName`). */
const restricts = (r: CompiledRule) => r.effect !== 'allow';

interface TargetMatch {
  ok: boolean;
  pattern?: string;
  exact?: boolean;
  /** Matched only once folded (`t_Env` by a rule for `t_env`): it restricts, it never grants. */
  folded?: boolean;
}

function targetMatches(r: CompiledRule, t: Leaf): TargetMatch {
  if (r.kind !== 'any' && r.kind !== t.kind) return { ok: false };
  const label = t.kind === 'resource' ? `${t.server}:${t.uri}` : t.name;
  let pattern: string | undefined;
  let exact = false;
  let folded = false;
  if (r.names) {
    // An exact name wins over a glob of the same rule: it is what grants a sensitive tool.
    let g = r.names.find((n) => n.exact && n.test(label)) ?? r.names.find((n) => n.test(label));
    if (!g && restricts(r)) {
      g = r.names.find((n) => n.testFolded(label));
      folded = g !== undefined;
    }
    if (!g) return { ok: false };
    pattern = g.pattern;
    exact = g.exact && !folded;
  }
  const backend = t.kind === 'tool' ? t.backend : t.server;
  if (r.backends && !r.backends.has(backend)) return { ok: false };
  if (r.risk || r.categories || r.sideEffects) {
    if (t.kind !== 'tool') return { ok: false };
    if (r.risk && !r.risk.has(t.risk.level)) return { ok: false };
    if (r.categories && !t.risk.categories.some((c) => r.categories!.has(c))) return { ok: false };
    if (r.sideEffects && !r.sideEffects.has(t.risk.sideEffect)) return { ok: false };
  }
  return { ok: true, ...(pattern !== undefined ? { pattern } : {}), exact, folded };
}

function reasonFor(r: CompiledRule, t: Leaf, pattern: string | undefined, folded = false): string {
  const how = folded ? ' in another case or compatibility form' : '';
  if (r.shorthand) return `${r.shorthand} matches ${r.effect} pattern "${pattern ?? '*'}"${how}`;
  const what = pattern ? ` (${t.kind} matches "${pattern}"${how})` : '';
  return `rule ${r.id}: ${r.description ?? r.effect}${what}${r.when ? ` when ${r.when.source}` : ''}`;
}

/**
 * Builds the decision function over a compiled policy. Deny overrides hold overrides allow; no match denies; a
 * rule whose condition fails to evaluate denies and says so. Sensitive by default: a `high` tool is granted only
 * by a rule that names it exactly, or whose `risk` lists `high` (a bare `*` never grants it). Decisions that do not
 * depend on arguments or token claims are cached per (principal, tool); a reload builds a new engine.
 */
export function createPolicyEngine(policy: CompiledPolicy): PolicyEngine {
  const cache = new Map<string, Map<string, Decision>>();
  let cached = 0;
  const subjects = new Map<string, { roles: string[]; rules: CompiledRule[] }>();

  /**
   * Roles of a principal and the rules whose subject matches it: computed once per principal, not per request.
   * Who a rule names restricts like what it names: a deny or hold rule's `agents`, `users`, `groups` and `roles` match
   * every case and compatibility form of the principal's names (an IdP may spell a group `contractors` where the
   * policy says `Contractors`); an allow matches them exactly, so no spelling widens a grant.
   */
  const subjectOf = (p: Principal, key: string): { roles: string[]; rules: CompiledRule[] } => {
    let s = subjects.get(key);
    if (!s) {
      const groups = p.groups ?? [];
      const roles = policy.roles
        .filter(
          (role) =>
            role.agents.has(p.agent) ||
            (p.user !== undefined && role.users.has(p.user)) ||
            groups.some((g) => role.groups.has(g)),
        )
        .map((role) => role.name);
      const folded = { agent: foldName(p.agent), user: p.user !== undefined ? foldName(p.user) : undefined };
      const foldedGroups = groups.map(foldName);
      const foldedRoles = policy.roles
        .filter(
          (role) =>
            role.folded.agents.has(folded.agent) ||
            (folded.user !== undefined && role.folded.users.has(folded.user)) ||
            foldedGroups.some((g) => role.folded.groups.has(g)),
        )
        .map((role) => role.name);
      const matches = (r: CompiledRule) =>
        restricts(r)
          ? subjectMatches(r, p, foldedRoles, true, foldedGroups)
          : subjectMatches(r, p, roles, false, groups);
      s = { roles, rules: policy.rules.filter(matches) };
      if (subjects.size > CACHE_LIMIT) subjects.clear();
      subjects.set(key, s);
    }
    return s;
  };

  /** `fold`: compare names in every case / NFKC form (`groups` and `roles` are then already folded). */
  const subjectMatches = (
    r: CompiledRule,
    p: Principal,
    roles: readonly string[],
    fold: boolean,
    groups: readonly string[],
  ): boolean => {
    const named = (g: Glob, name: string) => g.test(name) || (fold && g.testFolded(name));
    if (r.agents && !r.agents.some((g) => named(g, p.agent))) return false;
    if (r.users && (p.user === undefined || !r.users.some((g) => named(g, p.user!)))) return false;
    const ruleGroups = fold ? r.groupsFolded : r.groups;
    if (ruleGroups && !groups.some((g) => ruleGroups.has(g))) return false;
    if (r.roles && !roles.some((x) => r.roles!.has(x))) return false;
    return true;
  };

  const inputOf = (p: Principal, roles: readonly string[], t: Leaf): ConditionInput => ({
    principal: {
      agent: p.agent,
      user: p.user ?? '',
      groups: p.groups ?? [],
      roles,
      claims: p.claims ?? {},
      scopes: p.scopes ?? [],
      method: p.method,
    },
    target: {
      kind: t.kind,
      name: t.kind === 'resource' ? t.uri : t.name,
      server: t.kind === 'tool' ? t.backend : t.server,
      backend: t.kind === 'tool' ? t.backend : t.server,
      uri: t.kind === 'resource' ? t.uri : '',
    },
    risk:
      t.kind === 'tool'
        ? { level: t.risk.level, categories: t.risk.categories, sideEffect: t.risk.sideEffect }
        : { level: 'low', categories: [], sideEffect: 'none' },
    args: (t.kind === 'tool' ? t.args : undefined) ?? {},
  });

  /** `volatile`: a matching rule's condition depends on arguments or token claims, so the result is not cached. */
  function decide(p: Principal, t: Leaf, listing: boolean): { d: Decision; volatile: boolean } {
    const { roles, rules } = subjectOf(p, keyOf(p));
    const sensitive = t.kind === 'tool' && SENSITIVE_LEVELS.has(t.risk.level);
    // restrictOnly: a hold that may not grant this target (matched only folded, or a glob over a sensitive tool).
    const hits: { r: CompiledRule; reason: string; restrictOnly: boolean }[] = [];
    const notes: string[] = [];
    let volatile = false;
    let input: ConditionInput | undefined;
    for (const r of rules) {
      const m = targetMatches(r, t);
      if (!m.ok) continue;
      let restrictOnly = m.folded === true;
      if (sensitive && r.effect !== 'deny' && !m.exact && !restrictOnly && !r.grantsHighByGlob) {
        notes.push(
          `rule ${r.id} does not grant it: the tool is ${t.kind === 'tool' ? t.risk.level : ''} risk and a glob grants it only when the rule lists risk "high" (or name the tool exactly)`,
        );
        // A hold glob still puts a person in front of a sensitive tool that another rule grants by name.
        if (r.effect !== 'hold') continue;
        restrictOnly = true;
      }
      if (r.when) {
        if (r.when.usesArgs || r.when.usesToken) volatile = true;
        if (listing && r.when.usesArgs) {
          if (r.effect === 'deny') continue;
          hits.push({ r, reason: `${reasonFor(r, t, m.pattern, m.folded)} (decided per call)`, restrictOnly });
          continue;
        }
        input ??= inputOf(p, roles, t);
        const v = r.when.evaluate(input);
        if (typeof v === 'object') {
          return {
            d: {
              effect: 'deny',
              rule: r.id,
              reasons: [`rule ${r.id} failed to evaluate, so the request is denied: ${v.error}`],
            },
            volatile,
          };
        }
        if (!v) continue;
      }
      hits.push({ r, reason: reasonFor(r, t, m.pattern, m.folded), restrictOnly });
    }
    // Deny overrides hold overrides allow. A hold rule grants the call with a person in front of it (scope it with
    // agents, users, groups or roles); the critical-category default below never grants by itself.
    const denied = hits.find((h) => h.r.effect === 'deny');
    if (denied) return { d: { effect: 'deny', rule: denied.r.id, reasons: [denied.reason] }, volatile };
    // A restrict-only hold puts a person in front of what another rule grants; it grants nothing itself (a hold
    // for `t_env` does not open `t_Env` to an agent no allow covers).
    const grants = hits.some((h) => h.r.effect !== 'deny' && !h.restrictOnly);
    const held = hits.find((h) => h.r.effect === 'hold' && (grants || !h.restrictOnly));
    if (held)
      return {
        d: {
          effect: 'hold',
          rule: held.r.id,
          reasons: [held.reason],
          ...(held.r.approval ? { approval: held.r.approval } : {}),
        },
        volatile,
      };
    const allowed = hits.find((h) => h.r.effect === 'allow');
    if (allowed) {
      // The approval default: an allowed call to a tool in a critical category is held unless a waiver covers it.
      const critical = t.kind === 'tool' ? unwaivedCritical(policy.approvals, t.name, t.risk.categories) : [];
      if (critical.length > 0)
        return {
          d: {
            effect: 'hold',
            rule: policy.approvals.id,
            reasons: [
              `${policy.approvals.id}: ${critical.join(', ')} tools need a person's approval by default (waive it under policy.approvals.waivers, with a reason)`,
              allowed.reason,
            ],
            approval: policy.approvals.requirement,
          },
          volatile,
        };
      return { d: { effect: 'allow', rule: allowed.r.id, reasons: [allowed.reason] }, volatile };
    }
    const what = t.kind === 'resource' ? 'resource' : t.kind;
    return {
      d: {
        effect: 'deny',
        rule: notes.length > 0 ? 'sensitive-default' : 'default-deny',
        reasons: notes.length > 0 ? notes : [`no allow rule matches this ${what}`],
      },
      volatile,
    };
  }

  function cachedDecide(p: Principal, t: Leaf, listing: boolean): Decision {
    if (t.kind === 'resource') return decide(p, t, listing).d;
    const pk = keyOf(p);
    const tk = `${t.kind}\u0000${t.name}`;
    const hit = cache.get(pk)?.get(tk);
    if (hit) return hit;
    const { d, volatile } = decide(p, t, listing);
    if (!volatile) {
      if (cached >= CACHE_LIMIT) {
        cache.clear();
        cached = 0;
      }
      let m = cache.get(pk);
      if (!m) cache.set(pk, (m = new Map<string, Decision>()));
      m.set(tk, d);
      cached++;
    }
    return d;
  }

  const leaf = (t: Target): Leaf => (t.kind === 'completion' ? t.ref : t);
  return {
    policy,
    evaluate: (p, t) => cachedDecide(p, leaf(t), false),
    visible: (p, t) => cachedDecide(p, leaf(t), true).effect !== 'deny',
    listing: (p, t) => cachedDecide(p, leaf(t), true),
    invalidate: () => {
      subjects.clear();
      cache.clear();
      cached = 0;
    },
  };
}
