import { knownClean, mayHoldSecret, scanSecrets } from './secret-scanner.js';
import { setOwn } from './own-keys.js';

/**
 * Passes over the redactor's output (objects it built and owns, so they are changed in place):
 * the secretlint scan of every caller-controlled string, and the truncation of long strings.
 */

/** Longest string kept whole: names (tool) and object keys, and any other text. Longer ones get a length marker. */
export const MAX_NAME_LENGTH = 512;
export const MAX_KEY_LENGTH = 256;
export const MAX_TEXT_LENGTH = 8192;

/** Visits every string (values and keys) under `root[field]` for the given fields; `edit` may return a new one. */
function visit(
  root: Record<string, unknown>,
  fields: ReadonlySet<string> | undefined,
  edit: (s: string, isKey: boolean, field: string) => string,
): boolean {
  let keysChanged = false;
  const walk = (node: unknown, field: string): unknown => {
    if (typeof node === 'string') return edit(node, false, field);
    if (!node || typeof node !== 'object') return node;
    // Written back only when changed, so that a pass that only reads (collecting candidates) writes nothing.
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = walk(node[i], field);
        if (item !== node[i]) node[i] = item;
      }
      return node;
    }
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const value = walk(obj[key], field);
      const k = edit(key, true, field);
      if (k !== key) {
        delete obj[key];
        keysChanged = true;
        setOwn(obj, k, value);
      } else if (value !== obj[key]) obj[key] = value;
    }
    return obj;
  };
  for (const field of Object.keys(root)) {
    if (field === 'type' || field === 'timestamp') continue;
    if (fields && !fields.has(field)) continue;
    const value = walk(root[field], field);
    if (value !== root[field]) root[field] = value;
  }
  return keysChanged;
}

/**
 * Runs the secretlint rule set once over all caller-controlled strings of an event (joined, so one scan per
 * event) and replaces what it finds. Returns true when an object key changed (key order must be re-sorted).
 * Answers at once, without a promise, unless a window of the text had to go through secretlint's `lintSource`
 * (secret-scanner.ts: with the recommended preset, never); a text scanned before and found clean is not scanned again
 * (clean-text-cache.ts).
 */
export function scanOutput(
  root: Record<string, unknown>,
  fields: ReadonlySet<string>,
  replace: (secret: string) => string,
): boolean | Promise<boolean> {
  const strings: string[] = [];
  visit(root, fields, (s) => {
    if (mayHoldSecret(s)) strings.push(s);
    return s;
  });
  if (strings.length === 0) return false;
  const joined = strings.length === 1 ? strings[0]! : strings.join('\n');
  if (knownClean(joined)) return false;
  const ranges = scanSecrets(joined);
  if (Array.isArray(ranges)) return replaceFound(root, fields, strings, ranges, replace);
  return ranges.then((r) => replaceFound(root, fields, strings, r, replace));
}

function replaceFound(
  root: Record<string, unknown>,
  fields: ReadonlySet<string>,
  strings: readonly string[],
  ranges: ReadonlyArray<readonly [number, number]>,
  replace: (secret: string) => string,
): boolean {
  if (ranges.length === 0) return false;
  // Map the ranges back onto each string (a range never spans strings: it is clipped at the separators).
  const found = new Map<string, Array<[number, number]>>();
  let offset = 0;
  for (const s of strings) {
    const end = offset + s.length;
    for (const [a, b] of ranges) {
      if (b <= offset || a >= end) continue;
      const list = found.get(s) ?? [];
      list.push([Math.max(a, offset) - offset, Math.min(b, end) - offset]);
      found.set(s, list);
    }
    offset = end + 1;
  }
  if (found.size === 0) return false;
  return visit(root, fields, (s) => {
    const list = found.get(s);
    if (!list) return s;
    let out = '';
    let at = 0;
    for (const [a, b] of list) {
      if (a < at) continue;
      out += s.slice(at, a) + replace(s.slice(a, b));
      at = b;
    }
    return out + s.slice(at);
  });
}

function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  // Never cut a surrogate pair in half (the record must stay valid UTF-8).
  let cut = max;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--;
  return `${s.slice(0, cut)}…[truncated: ${s.length} chars]`;
}

/** Truncates long strings with a length marker. Returns true when an object key changed. */
export function truncateOutput(root: Record<string, unknown>): boolean {
  return visit(root, undefined, (s, isKey, field) =>
    clip(
      s,
      isKey
        ? MAX_KEY_LENGTH
        : field === 'tool' || field === 'agent' || field === 'user'
          ? MAX_NAME_LENGTH
          : MAX_TEXT_LENGTH,
    ),
  );
}
