import { compileProblem, globLengthProblem } from '../core/glob-pattern.js';

/**
 * Globs over tool, prompt and resource names. `*` and `?` never cross a `/` (so `fs:file:///srv/*` grants the
 * files directly in /srv, not /srv/private/x); `**` matches across segments. Everything else is literal.
 * Compiled once at config load into an anchored RegExp without nested quantifiers; the number of wildcards is
 * bounded so a pattern cannot make matching expensive.
 *
 * Two ways to match: `test` compares exactly (what grants), `testFolded` compares both sides after `foldName`
 * (what restricts: a deny, hold or limit written for `t_env` also covers `t_Env` and `ｔ_env`).
 */
export interface Glob {
  readonly pattern: string;
  /** True when the pattern has no wildcard: it names exactly one thing. */
  readonly exact: boolean;
  test(s: string): boolean;
  /** Matches `foldName(s)` against the pattern with its literal parts folded: true for every case / NFKC form. */
  testFolded(s: string): boolean;
}

/**
 * The form names are compared in when a rule restricts: Unicode compatibility forms unified (NFKC: fullwidth
 * letters, ligatures, the Kelvin sign), then case folded (upper then lower, so `ß` and `SS` meet). Names that fold
 * alike are one name to a deny; an allow still has to name the exact form.
 */
export function foldName(s: string): string {
  return s.normalize('NFKC').toUpperCase().toLowerCase().normalize('NFKC');
}

export const MAX_WILDCARDS = 8;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Returns the reason a pattern is refused, or undefined when it is fine (used by the config schema). */
export function globProblem(pattern: string): string | undefined {
  // Bounded like every glob: validate's warnings also match these patterns with picomatch.
  const long = globLengthProblem(pattern, foldName(pattern));
  if (long) return long;
  const stars = pattern.match(/\*+|\?/g)?.length ?? 0;
  if (stars > MAX_WILDCARDS) return `at most ${MAX_WILDCARDS} wildcards per pattern`;
  if (/\*{3,}/.test(pattern)) return '"***" is not a glob; use "*" (one segment) or "**" (any depth)';
  return compileProblem(() => {
    const g = compileGlob(pattern);
    return (s) => g.test(s) || g.testFolded(s);
  });
}

/** The anchored RegExp source of a pattern; `literal` maps each run of literal characters (folding them or not). */
function source(pattern: string, literal: (run: string) => string): string {
  let re = '';
  let run = '';
  const flush = () => {
    re += escape(literal(run));
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      flush();
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') {
      flush();
      re += '[^/]';
    } else run += c;
  }
  flush();
  return `^${re}$`;
}

export function compileGlob(pattern: string): Glob {
  const exact = !/[*?]/.test(pattern);
  const folded = new RegExp(source(pattern, foldName), 's');
  const testFolded = (s: string) => folded.test(foldName(s));
  if (exact) return { pattern, exact, test: (s) => s === pattern, testFolded };
  const rx = new RegExp(
    source(pattern, (run) => run),
    's',
  );
  return { pattern, exact, test: (s) => rx.test(s), testFolded };
}
