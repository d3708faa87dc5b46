import { compileProblem, globLengthProblem } from '../core/glob-pattern.js';

/**
 * Globs over tool, prompt and resource names. `*` and `?` never cross a `/` (so `fs:file:///srv/*` grants the
 * files directly in /srv, not /srv/private/x); `**` matches across segments. Everything else is literal.
 * Compiled once at config load into a matcher that never backtracks (input length x pattern length steps at most:
 * an agent's long resource URI cannot make a match expensive); the number of wildcards is bounded as well.
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

/** One step of a pattern: a literal character, `?` (one character but `/`), `*` (a run without `/`) or `**` (any run). */
type Token = string | { star: 'segment' | 'any' } | { one: true };

/** The tokens of a pattern; `literal` maps each run of literal characters (folding them or not). */
function tokens(pattern: string, literal: (run: string) => string): Token[] {
  const out: Token[] = [];
  let run = '';
  const flush = () => {
    out.push(...literal(run).split('')); // UTF-16 code units, as the input is read
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      flush();
      const double = pattern[i + 1] === '*';
      if (double) i++;
      out.push({ star: double ? 'any' : 'segment' });
    } else if (c === '?') {
      flush();
      out.push({ one: true });
    } else run += c;
  }
  flush();
  return out;
}

/**
 * A matcher that never backtracks: every position of the pattern the input can have reached is carried along the
 * input at once (an NFA simulation), so a match costs at most input length x pattern length steps, whatever the
 * pattern. An anchored RegExp with several stars backtracks: `fs:file:///srv/*-*-*-*-x` (four wildcards, within the
 * bound) took 3.8 s on a 415-character resource URI an agent chose, and twice that length would take a minute. A
 * pattern with one star at most keeps its RegExp (it cannot backtrack more than input x pattern, and is faster).
 */
function matcher(ts: readonly Token[]): (s: string) => boolean {
  const stars = ts.filter((t) => typeof t !== 'string' && 'star' in t).length;
  if (stars <= 1) {
    const rx = new RegExp(`^${ts.map(regexOf).join('')}$`, 's');
    return (s) => rx.test(s);
  }
  const m = ts.length;
  // 0: a literal (code in `code`), 1: `?`, 2: `*`, 3: `**`
  const kind = Int8Array.from(ts, (t) => (typeof t === 'string' ? 0 : 'one' in t ? 1 : t.star === 'segment' ? 2 : 3));
  const code = Int32Array.from(ts, (t) => (typeof t === 'string' ? t.charCodeAt(0) : -1));
  let prefix = '';
  for (const t of ts) {
    if (typeof t !== 'string') break;
    prefix += t;
  }
  const SLASH = 47;
  let now = new Uint8Array(m + 1);
  let next = new Uint8Array(m + 1);
  // (a loop, not `fill`: a builtin call per input character cost more than the whole step for short patterns)
  const clear = (set: Uint8Array) => {
    for (let i = 0; i <= m; i++) set[i] = 0;
  };
  /** Adds state `i` and the states after the stars that follow it (a star may match nothing). */
  const add = (set: Uint8Array, from: number) => {
    for (let i = from; i <= m; i++) {
      set[i] = 1;
      if (i === m || kind[i]! < 2) return;
    }
  };
  return (s) => {
    if (!s.startsWith(prefix)) return false; // most names fail here, before any state is carried
    clear(now);
    add(now, prefix.length);
    for (let k = prefix.length; k < s.length; k++) {
      const c = s.charCodeAt(k);
      clear(next);
      let alive = false;
      for (let i = 0; i < m; i++) {
        if (!now[i]) continue;
        const t = kind[i]!;
        if (t === 0 ? code[i] === c : t === 1 ? c !== SLASH : false) {
          add(next, i + 1);
          alive = true;
        } else if (t === 3 || (t === 2 && c !== SLASH)) {
          add(next, i);
          alive = true;
        }
      }
      if (!alive) return false;
      const was = now;
      now = next;
      next = was;
    }
    return now[m] === 1;
  };
}

const regexOf = (t: Token) =>
  typeof t === 'string'
    ? t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    : 'one' in t
      ? '[^/]'
      : t.star === 'any'
        ? '.*'
        : '[^/]*';

export function compileGlob(pattern: string): Glob {
  const exact = !/[*?]/.test(pattern);
  const folded = matcher(tokens(pattern, foldName));
  const testFolded = (s: string) => folded(foldName(s));
  if (exact) return { pattern, exact, test: (s) => s === pattern, testFolded };
  const match = matcher(tokens(pattern, (run) => run));
  return { pattern, exact, test: match, testFolded };
}
