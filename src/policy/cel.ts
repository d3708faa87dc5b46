import { celEnv, isCelError, parse, plan } from '@bufbuild/cel';
import { pathFunctions } from './cel-paths.js';

/** What a condition can see. Built per decision from the principal, the target, its risk and the arguments. */
export interface ConditionInput {
  principal: {
    agent: string;
    user: string;
    groups: readonly string[];
    roles: readonly string[];
    claims: Readonly<Record<string, unknown>>;
    scopes: readonly string[];
    method: string;
  };
  target: { kind: string; name: string; server: string; backend: string; uri: string };
  risk: { level: string; categories: readonly string[]; sideEffect: string };
  args: Readonly<Record<string, unknown>>;
}

export interface Condition {
  readonly source: string;
  /** Depends on the call's arguments (so it is decided per call, never cached, and not at listing time). */
  readonly usesArgs: boolean;
  /** Depends on per-token facts (claims, scopes): never cached. */
  readonly usesToken: boolean;
  /** true / false, or an error message (a failing condition denies). */
  evaluate(input: ConditionInput): boolean | { error: string };
}

const env = celEnv({ funcs: pathFunctions });
const SAMPLE: ConditionInput = {
  principal: { agent: 'a', user: 'u', groups: ['g'], roles: ['r'], claims: {}, scopes: [], method: 'api-key' },
  target: { kind: 'tool', name: 't', server: 's', backend: 'b', uri: '' },
  risk: { level: 'low', categories: [], sideEffect: 'none' },
  args: {},
};

/**
 * Compiles a CEL condition once (at config load) with @bufbuild/cel: a parser and tree-walking evaluator over
 * plain values, no `eval`, RE2 semantics for `matches` (linear time). Throws with a readable message when the
 * expression does not parse or names a variable other than principal, target, risk and args.
 */
export function compileCondition(source: string): Condition {
  let run: (ctx: Record<string, unknown>) => unknown;
  try {
    run = plan(env, parse(source)) as (ctx: Record<string, unknown>) => unknown;
  } catch (e) {
    throw new Error(`CEL: ${(e as Error).message.replace(/^<input>:/, 'at ')}`, { cause: e });
  }
  const dry = run(SAMPLE as unknown as Record<string, unknown>);
  if (isCelError(dry) && /unresolved attribute/.test(dry.message))
    throw new Error('CEL: unknown variable (conditions see principal, target, risk and args)');
  const withoutStrings = source.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""');
  return {
    source,
    usesArgs: /\bargs\b/.test(withoutStrings),
    usesToken: /\b(claims|scopes)\b/.test(withoutStrings),
    evaluate(input) {
      let r: unknown;
      try {
        r = run(input as unknown as Record<string, unknown>);
      } catch (e) {
        return { error: (e as Error).message };
      }
      if (isCelError(r)) return { error: r.message };
      if (typeof r !== 'boolean') return { error: `condition gave ${typeof r}, not a boolean` };
      return r;
    },
  };
}
