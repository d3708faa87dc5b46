/**
 * Globs over tool, prompt and resource names. `*` and `?` never cross a `/` (so `fs:file:///srv/*` grants the
 * files directly in /srv, not /srv/private/x); `**` matches across segments. Everything else is literal.
 * Compiled once at config load into an anchored RegExp without nested quantifiers; the number of wildcards is
 * bounded so a pattern cannot make matching expensive.
 */
export interface Glob {
  readonly pattern: string;
  /** True when the pattern has no wildcard: it names exactly one thing. */
  readonly exact: boolean;
  test(s: string): boolean;
}

export const MAX_WILDCARDS = 8;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Returns the reason a pattern is refused, or undefined when it is fine (used by the config schema). */
export function globProblem(pattern: string): string | undefined {
  const stars = pattern.match(/\*+|\?/g)?.length ?? 0;
  if (stars > MAX_WILDCARDS) return `at most ${MAX_WILDCARDS} wildcards per pattern`;
  if (/\*{3,}/.test(pattern)) return '"***" is not a glob; use "*" (one segment) or "**" (any depth)';
  return undefined;
}

export function compileGlob(pattern: string): Glob {
  let re = '';
  let exact = true;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      exact = false;
      if (pattern[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') {
      exact = false;
      re += '[^/]';
    } else re += escape(c);
  }
  if (exact) return { pattern, exact, test: (s) => s === pattern };
  const rx = new RegExp(`^${re}$`, 's');
  return { pattern, exact, test: (s) => rx.test(s) };
}
