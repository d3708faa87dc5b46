import { foldName } from '../policy/glob.js';
import { limitGlob } from './glob.js';
import { bucketOf, type LimitsConfig, type QuotaRule, type RateRule } from './config.js';
import type { LimitStore } from './store.js';
import type { BucketSpec } from './token-bucket.js';

/** What a call is limited by. */
export interface LimitTarget {
  agent: string;
  user?: string;
  tool: string;
  risk?: 'low' | 'medium' | 'high';
}

export type LimitVerdict =
  | { allowed: true }
  | {
      allowed: false;
      kind: 'rate' | 'quota';
      /** The rule's name from config. */
      rule: string;
      /** Milliseconds until a retry can succeed (the quota window's end for quotas). */
      retryAfterMs: number;
      /** Why, for the decision record. */
      reason: string;
    };

export interface Limiter {
  /**
   * Counts the call against every matching rule; refused when any one is spent (nothing is consumed then). A value,
   * not a promise, when no rule is configured (ADR 0017, Decision 11).
   */
  check(target: LimitTarget): LimitVerdict | Promise<LimitVerdict>;
  /** New rules; bucket and quota state of rules whose name is unchanged is kept. */
  configure(cfg: LimitsConfig): void;
}

type Matcher = (s: string) => boolean;
/** A limit restricts, so it matches names as a deny does: in every case and compatibility form (`foldName`). */
const any = (patterns: readonly string[] | undefined): Matcher | undefined => {
  if (!patterns) return undefined;
  const tests = patterns.map(limitGlob);
  return (s) => {
    const f = foldName(s);
    return tests.some((t) => t(f));
  };
};

interface CompiledRate {
  rule: RateRule;
  spec: BucketSpec;
  agents?: Matcher | undefined;
  users?: Matcher | undefined;
  tools?: Matcher | undefined;
}
interface CompiledQuota {
  rule: QuotaRule;
  agents?: Matcher | undefined;
  tools?: Matcher | undefined;
}

function compile(cfg: LimitsConfig): { rate: CompiledRate[]; quotas: CompiledQuota[] } {
  return {
    rate: cfg.rate.map((rule) => ({
      rule,
      spec: bucketOf(rule),
      agents: any(rule.agents),
      users: any(rule.users),
      tools: any(rule.tools),
    })),
    quotas: cfg.quotas.map((rule) => ({ rule, agents: any(rule.agents), tools: any(rule.tools) })),
  };
}

const subjectOf = (r: RateRule, t: LimitTarget): string => {
  switch (r.key) {
    case 'agent':
      return `a:${t.agent}`;
    // One bucket for every form of a name: t_env, t_Env and t_ENV share theirs.
    case 'user':
      return t.user !== undefined ? `u:${foldName(t.user)}` : `a:${t.agent}`;
    case 'tool':
      return `t:${foldName(t.tool)}`;
    case 'agent+tool':
      return `a:${t.agent}|t:${foldName(t.tool)}`;
    case 'global':
      return '*';
  }
};

const rateApplies = (c: CompiledRate, t: LimitTarget): boolean =>
  (!c.agents || c.agents(t.agent)) &&
  (!c.users || (t.user !== undefined && c.users(t.user))) &&
  (!c.tools || c.tools(t.tool)) &&
  (!c.rule.risk || (t.risk !== undefined && c.rule.risk.includes(t.risk)));

/** Fixed UTC windows: the key suffix and the epoch ms the window ends. */
function windows(now: Date): { day: [string, number]; month: [string, number] } {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const d = now.getUTCDate();
  return {
    day: [`d${now.toISOString().slice(0, 10)}`, Date.UTC(y, m, d + 1)],
    month: [`m${now.toISOString().slice(0, 7)}`, Date.UTC(y, m + 1, 1)],
  };
}

/**
 * Rate limits (token buckets per agent, user, tool glob, risk level) and quotas (per agent per day and month) over
 * a LimitStore. A call consumes from every rule that matches it; when one refuses, what the others took is given
 * back, so a refused call costs nothing and a burst above a bucket is limited exactly.
 */
export function createLimiter(store: LimitStore, cfg: LimitsConfig, now: () => number = Date.now): Limiter {
  let compiled = compile(cfg);
  return {
    configure(next) {
      compiled = compile(next);
    },
    check(t) {
      const { rate, quotas } = compiled;
      if (rate.length === 0 && quotas.length === 0) return { allowed: true };
      return checkRules(rate, quotas, t);
    },
  };

  async function checkRules(rate: CompiledRate[], quotas: CompiledQuota[], t: LimitTarget): Promise<LimitVerdict> {
    const undo: (() => Promise<void>)[] = [];
    const refuse = async (v: LimitVerdict): Promise<LimitVerdict> => {
      for (const u of undo.splice(0).reverse()) await u();
      return v;
    };
    try {
      return await consume(rate, quotas, t, undo, refuse);
    } catch (e) {
      // The store could not answer (a shared store unreachable): the call is refused by the error; what the rules
      // before it took is given back as far as the store lets us (best effort: it may be down for those too).
      for (const u of undo.splice(0).reverse()) await u().catch(() => undefined);
      throw e;
    }
  }

  async function consume(
    rate: CompiledRate[],
    quotas: CompiledQuota[],
    t: LimitTarget,
    undo: (() => Promise<void>)[],
    refuse: (v: LimitVerdict) => Promise<LimitVerdict>,
  ): Promise<LimitVerdict> {
    for (const c of rate) {
      if (!rateApplies(c, t)) continue;
      const key = `rate:${c.rule.name}:${subjectOf(c.rule, t)}`;
      const r = await store.take(key, c.spec);
      if (!r.allowed) {
        return refuse({
          allowed: false,
          kind: 'rate',
          rule: c.rule.name,
          retryAfterMs: r.retryAfterMs,
          reason: `rate limit "${c.rule.name}" (${c.rule.limit} per ${c.rule.per}, burst ${c.spec.capacity}, by ${c.rule.key}) spent`,
        });
      }
      undo.push(() => store.refund(key, c.spec));
    }
    if (quotas.length === 0) return { allowed: true };
    const at = now();
    const w = windows(new Date(at));
    for (const c of quotas) {
      if ((c.agents && !c.agents(t.agent)) || (c.tools && !c.tools(t.tool))) continue;
      for (const [limit, [suffix, endsAt], label] of [
        [c.rule.daily, w.day, 'daily'],
        [c.rule.monthly, w.month, 'monthly'],
      ] as const) {
        if (limit === undefined) continue;
        const key = `quota:${c.rule.name}:${t.agent}:${suffix}`;
        const r = await store.count(key, limit, endsAt);
        if (!r.allowed) {
          return refuse({
            allowed: false,
            kind: 'quota',
            rule: c.rule.name,
            retryAfterMs: endsAt - at,
            reason: `${label} quota "${c.rule.name}" (${limit} calls) used up`,
          });
        }
        undo.push(() => store.uncount(key));
      }
    }
    return { allowed: true };
  }
}
