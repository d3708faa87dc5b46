/**
 * What every glob in the config must be, whichever compiler builds it: the policy's own (policy/glob.ts: agent and
 * policy rule globs, owners, approval waivers) or picomatch (limits, risk overrides, redaction rules, OpenAPI
 * filters). Each schema checks a pattern the way its builder will use it: bounded in length, then compiled by the
 * builder's own function and run, so that `validate` refuses what `serve` would refuse at start-up (picomatch throws
 * on a pattern over 65,536 characters), what a reload would fail on, and what would throw on a call's first match
 * (V8 compiles a RegExp when it first runs it: one from a 40,000-character glob is "too large", 8,192 "(" overflow
 * picomatch's parser).
 */
import { z } from 'zod';

/**
 * The longest glob (as written, and in the folded form a restricting glob is compiled in). Far above any tool, prompt,
 * agent or resource name; the worst 4,096-character patterns (all "(", all "[!a]", "+(a|b)" repeated) compile and run
 * in picomatch and the policy's compiler, twice as long some do not.
 */
export const MAX_GLOB_LENGTH = 4096;

/**
 * Why a pattern is too long, or undefined. `folded` is the form the builder compiles when that is not the pattern as
 * written (a restricting glob compiles `foldName(pattern)`, which NFKC can make longer: `ﷺ` is 18 characters).
 */
export function globLengthProblem(pattern: string, folded = pattern): string | undefined {
  const n = Math.max(pattern.length, folded.length);
  if (n <= MAX_GLOB_LENGTH) return undefined;
  const how = folded.length > pattern.length ? ' once case-folded' : '';
  return `${n} characters long${how}; a glob has at most ${MAX_GLOB_LENGTH}`;
}

/**
 * Why the builder's compile of a pattern throws, or undefined: `compile` builds the matcher as the builder does, and
 * it is run a few times (V8 compiles a RegExp on its first run, and again when it tiers up). The engine's message is
 * bounded (a RegExp error quotes the whole expression).
 */
export function compileProblem(compile: () => (s: string) => unknown): string | undefined {
  try {
    const match = compile();
    for (const s of ['x', 'x/y', 'x_y']) match(s);
    return undefined;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return `does not compile: ${message.length > 120 ? `...${message.slice(-100)}` : message}`;
  }
}

/** A pattern as a message quotes it: whole when short, else its start (an error never repeats 70,000 characters). */
export function quotePattern(pattern: string): string {
  return pattern.length <= 100 ? JSON.stringify(pattern) : `${JSON.stringify(pattern.slice(0, 60))}...`;
}

/** A non-empty glob string the schema checks with `problemOf` (the check of the compiler that builds it). */
export const globPattern = (problemOf: (pattern: string) => string | undefined) =>
  z
    .string()
    .min(1)
    .superRefine((p, ctx) => {
      const problem = problemOf(p);
      if (problem) ctx.addIssue({ code: 'custom', message: `pattern ${quotePattern(p)}: ${problem}` });
    });
