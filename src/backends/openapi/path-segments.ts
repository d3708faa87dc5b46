/**
 * Path parameters that would lead a decoding server elsewhere. The gateway percent-encodes a path parameter so it
 * stays one segment on the wire, but many servers and proxies decode the path before they route it (`%2F` to `/`,
 * sometimes twice, overlong UTF-8 and `%u` forms, fullwidth characters folded by NFKC, `\` read as `/`, `;params`
 * stripped from a segment): `{id}` = `../admin` then reaches `/admin` with the credential the gateway injected.
 * `traversalIn` reads the built path as such a server could and names the argument whose value makes a `.` or `..`
 * segment there, or an empty segment (`/items//keys`, merged into `/items/keys` by default in nginx).
 */
import type { JsonObject } from '../../core/tool.js';
import { serializePathValue } from './serialize-params.js';
import type { CallPlan } from './types.js';

/** Decoding rounds a value may take before it is refused as too deeply encoded (`%25252E` is three). */
const MAX_ROUNDS = 8;

/** Separators some servers read beyond `/` and `\` (best-fit mappings of slash look-alikes NFKC leaves alone). */
const SEPARATORS = /[/\\\u2215\u2044\u29f8\u29f9]/;

/** One percent-escape (`%2e`, `%u002e`) or a run of them. */
const ESCAPES = /(?:%[0-9a-fA-F]{2}|%u[0-9a-fA-F]{4})+/g;

/**
 * Bytes to text the lenient way some servers decode: overlong forms are read as the character they spell (`C0 AE`
 * is `.`, `E0 80 AF` is `/`), where a strict decoder would refuse them; an invalid byte becomes U+FFFD.
 */
function lenientUtf8(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    const len = b >= 0xf0 && b < 0xf8 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (b >= 0x80 && b < 0xc0) {
      out += '\ufffd';
      i++;
      continue;
    }
    if (len === 1) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    let cp = b & (0xff >> (len + 1));
    let ok = i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += String.fromCodePoint(cp);
    i += len;
  }
  return out;
}

/** One round of percent-decoding: `%XX` runs as (lenient) UTF-8, `%uXXXX` as a UTF-16 unit. */
function decodeOnce(s: string): string {
  return s.replace(ESCAPES, (run) => {
    let out = '';
    let bytes: number[] = [];
    for (const m of run.matchAll(/%(u[0-9a-fA-F]{4}|[0-9a-fA-F]{2})/g)) {
      const hex = m[1]!;
      if (hex.startsWith('u')) {
        out += lenientUtf8(bytes) + String.fromCharCode(parseInt(hex.slice(1), 16));
        bytes = [];
      } else bytes.push(parseInt(hex, 16));
    }
    return out + lenientUtf8(bytes);
  });
}

/**
 * Every text a decoding server could route on: the value, then NFKC and one round of percent-decoding at a time
 * until nothing changes (a server may stop after any round); undefined when it still changes after the bound.
 */
export function decodings(s: string): string[] | undefined {
  const seen = [s];
  let cur = s;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = decodeOnce(cur.normalize('NFKC'));
    if (next === cur) return seen;
    seen.push(next);
    cur = next;
  }
  return undefined;
}

/** A decoded name a server reads as `.` or `..`: a `;param` tail cut (Tomcat, Jetty), a NUL end, trailing blanks (IIS). */
function isDotName(piece: string): boolean {
  // trimEnd, not /\s+$/: that regex retries from every blank of a run that does not end the piece (quadratic).
  // eslint-disable-next-line no-control-regex
  const name = piece.split(/[;\u0000]/, 1)[0]!.trimEnd();
  return name === '.' || name === '..';
}

export type PathProblem = 'dot-segment' | 'empty-segment' | 'too-encoded';

/** Whether the built (still encoded) segment reads as a dot segment, or decodes too deep to tell. */
function segmentProblem(encoded: string): PathProblem | undefined {
  const forms = decodings(encoded);
  if (forms === undefined) return 'too-encoded';
  return forms.some((f) => f.normalize('NFKC').split(SEPARATORS).some(isDotName)) ? 'dot-segment' : undefined;
}

export interface PathTraversal {
  /** The argument whose value makes the segment. */
  arg: string;
  problem: PathProblem;
}

/** The agent-facing reason for a refused path parameter, naming the argument. */
export function describeTraversal(t: PathTraversal): string {
  if (t.problem === 'empty-segment') return `${t.arg}: a path parameter may not be empty`;
  if (t.problem === 'too-encoded')
    return `${t.arg}: a path parameter may not be percent-encoded ${MAX_ROUNDS} times over`;
  return `${t.arg}: a path parameter may not make a "." or ".." path segment, also once percent-decoded or NFKC-normalised (a server that decodes it would route the call elsewhere)`;
}

/**
 * The first path parameter of `args` that makes a `.`, `..` or empty segment of the operation's path, as a server
 * that decodes the path could read it; undefined when none does. Template segments and built segments correspond
 * one to one (a serialised value never holds a literal `/`), so a segment names the parameters written into it.
 */
export function traversalIn(plan: CallPlan, args: JsonObject): PathTraversal | undefined {
  const params = plan.params.filter((p) => p.in === 'path' && args[p.arg] !== undefined);
  if (params.length === 0) return undefined;
  const values = new Map<string, string>();
  for (const p of params) {
    const v = args[p.arg];
    values.set(p.name, serializePathValue(p.name, p.json ? JSON.stringify(v) : v, p.style, p.explode));
  }
  const template = plan.path.replace(/[#?].*$/, '');
  for (const segment of template.split('/')) {
    const names = [...segment.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).filter((n) => values.has(n));
    if (names.length === 0) continue;
    const built = segment.replace(/\{([^}]+)\}/g, (m, n: string) => values.get(n) ?? m);
    const problem = built === '' ? 'empty-segment' : segmentProblem(built);
    if (problem) return { arg: params.find((p) => p.name === names[0])!.arg, problem };
  }
  return undefined;
}
