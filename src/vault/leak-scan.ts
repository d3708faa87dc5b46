/**
 * Finds live secret values in what comes back from a backend, in the encodings an echo would use: plain,
 * base64 and base64url (at each of the three byte alignments, so a secret inside a larger encoded value such
 * as `Basic base64(user:secret)` is found too), hex (both cases) and URL encoding (`%XX` and form `+`).
 * Works on bytes, so binary bodies are scanned before they are re-encoded for the agent.
 */
import { memoBySequence } from '../core/sequence-memo.js';

export type LeakEncoding = 'plain' | 'base64' | 'base64url' | 'hex' | 'url';

export interface LeakFinding {
  encodings: LeakEncoding[];
  count: number;
}

export const REDACTED = '[REDACTED]';

/** Encoded forms shorter than this are not searched (they would match by chance). */
const MIN_PATTERN = 6;
/** Plain values shorter than this are not searched. */
const MIN_SECRET = 4;

interface Pattern {
  bytes: Buffer;
  encoding: LeakEncoding;
}

/** The part of base64(zeros(shift) + secret) that depends only on the secret's bytes. */
function base64Cores(secret: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const enc = Buffer.concat([Buffer.alloc(shift), secret]).toString('base64');
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(((shift + secret.length) * 8) / 6);
    if (end - start >= MIN_PATTERN) out.push(enc.slice(start, end));
  }
  return out;
}

function percentEncodings(s: string): string[] {
  const component = encodeURIComponent(s);
  const strict = component.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const lower = strict.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
  const form = strict.replace(/%20/g, '+');
  return [component, strict, lower, form, encodeURI(s)];
}

export function patternsOf(secret: string): Pattern[] {
  if (secret.length < MIN_SECRET) return [];
  const raw = Buffer.from(secret, 'utf8');
  const found = new Map<string, LeakEncoding>();
  const add = (text: string, encoding: LeakEncoding): void => {
    if (text.length >= MIN_SECRET && !found.has(text)) found.set(text, encoding);
  };
  add(secret, 'plain');
  for (const core of base64Cores(raw)) {
    add(core, 'base64');
    add(core.replace(/\+/g, '-').replace(/\//g, '_'), 'base64url');
  }
  const hex = raw.toString('hex');
  add(hex, 'hex');
  add(hex.toUpperCase(), 'hex');
  for (const e of percentEncodings(secret)) add(e, 'url');
  return [...found].map(([text, encoding]) => ({
    bytes: Buffer.from(text, encoding === 'plain' ? 'utf8' : 'latin1'),
    encoding,
  }));
}

export interface LeakScanner {
  /**
   * Replaces every match in `body` with [REDACTED]; the finding is undefined when nothing matched. With
   * `truncated`, a tail that is the start of a pattern (a secret cut by the size limit) is replaced too.
   */
  scanBytes(body: Buffer, opts?: { truncated?: boolean }): { body: Buffer; finding?: LeakFinding };
  scanText(text: string): { text: string; finding?: LeakFinding };
  /** Whether there is any secret to look for now (none: a scan would find nothing, so callers may skip it). */
  active(): boolean;
}

function replaceAll(body: Buffer, pattern: Buffer, with_: Buffer): { body: Buffer; count: number } {
  let at = body.indexOf(pattern);
  if (at < 0) return { body, count: 0 };
  const parts: Buffer[] = [];
  let from = 0;
  let count = 0;
  while (at >= 0) {
    parts.push(body.subarray(from, at), with_);
    from = at + pattern.length;
    count++;
    at = body.indexOf(pattern, from);
  }
  parts.push(body.subarray(from));
  return { body: Buffer.concat(parts), count };
}

/** Length of the longest tail of `body` that starts `pattern` (at least MIN_SECRET bytes), else 0. */
function cutTail(body: Buffer, pattern: Buffer): number {
  for (let k = Math.min(pattern.length - 1, body.length); k >= MIN_SECRET; k--) {
    if (body.subarray(body.length - k).equals(pattern.subarray(0, k))) return k;
  }
  return 0;
}

/** A scanner over the secrets live right now (`secrets` is read on every scan, so rotation is covered). */
export function createLeakScanner(secrets: () => Iterable<string>): LeakScanner {
  let cacheKey = '';
  let cache: Pattern[] = [];
  // The list is rebuilt only when `secrets` yields something else (memoBySequence: it is still read on every scan),
  // and its patterns only when the set of secrets changed.
  const patterns = memoBySequence(secrets, (values): Pattern[] => {
    const list = [...new Set(values)].filter((s) => s.length >= MIN_SECRET).sort();
    const key = list.join('\u0000');
    if (key !== cacheKey) {
      // Longest first, so a secret is replaced whole before a shorter secret inside it.
      cache = list.flatMap(patternsOf).sort((a, b) => b.bytes.length - a.bytes.length);
      cacheKey = key;
    }
    return cache;
  });
  const marker = Buffer.from(REDACTED);
  function scanBytes(body: Buffer, opts: { truncated?: boolean } = {}): { body: Buffer; finding?: LeakFinding } {
    let out = body;
    let count = 0;
    const encodings = new Set<LeakEncoding>();
    const list = patterns();
    for (const p of list) {
      const r = replaceAll(out, p.bytes, marker);
      if (r.count === 0) continue;
      out = r.body;
      count += r.count;
      encodings.add(p.encoding);
    }
    if (opts.truncated) {
      for (const p of list) {
        const cut = cutTail(out, p.bytes);
        if (cut === 0) continue;
        out = Buffer.concat([out.subarray(0, out.length - cut), marker]);
        count++;
        encodings.add(p.encoding);
      }
    }
    return count === 0 ? { body } : { body: out, finding: { encodings: [...encodings].sort(), count } };
  }
  return {
    scanBytes,
    active: () => patterns().length > 0,
    scanText(text) {
      const r = scanBytes(Buffer.from(text, 'utf8'));
      return r.finding ? { text: r.body.toString('utf8'), finding: r.finding } : { text };
    },
  };
}

/**
 * Scans a JSON value (an MCP result) as its JSON text and returns the value with matches replaced. A value that
 * no longer parses after replacement (a match across JSON syntax) is refused: `undefined` with the finding.
 */
export function scanJson<T>(scanner: LeakScanner, value: T): { value: T | undefined; finding?: LeakFinding } {
  // No secret to look for: the value is not serialised at all (ADR 0017, Decision 11).
  if (!scanner.active()) return { value };
  const r = scanner.scanText(JSON.stringify(value));
  if (!r.finding) return { value };
  try {
    return { value: JSON.parse(r.text) as T, finding: r.finding };
  } catch {
    return { value: undefined, finding: r.finding };
  }
}
