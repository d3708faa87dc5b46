/** Argument paths of the per-tool redaction rules (`tools:` in the redaction config): parsing and applying. */
import { setOwn } from './own-keys.js';

/** What a replacement returns to remove the value (and what the redactor's walk returns for a dropped one). */
export const DROP = Symbol('drop');

/** A key, an array index, or '*' (any). */
type Segment = string;

export function parsePath(path: string): Segment[] {
  const trimmed = path.startsWith('$.') ? path.slice(2) : path.startsWith('$') ? path.slice(1) : path;
  const segments: Segment[] = [];
  for (const part of trimmed.split('.')) {
    const m = /^([^[\]]*)((?:\[(?:\d+|\*)\])*)$/.exec(part);
    if (!m) throw new Error(`redaction: bad path "${path}"`);
    if (m[1]) segments.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+|\*)\]/g)) segments.push(idx[1]!);
  }
  if (segments.length === 0) throw new Error(`redaction: empty path "${path}"`);
  return segments;
}

/** Returns a copy of `value` with `replace` applied at every location matching `segments` (DROP removes it). */
export function applyPath(value: unknown, segments: readonly Segment[], replace: (v: unknown) => unknown): unknown {
  if (segments.length === 0) return replace(value);
  if (!value || typeof value !== 'object') return value;
  const [head, ...rest] = segments as [Segment, ...Segment[]];
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    (value as unknown[]).forEach((item, i) => {
      const r = head === '*' || head === String(i) ? applyPath(item, rest, replace) : item;
      if (r !== DROP) out.push(r);
    });
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, item] of Object.entries(value as Record<string, unknown>)) {
    const r = head === '*' || head === k ? applyPath(item, rest, replace) : item;
    if (r !== DROP) setOwn(out, k, r);
  }
  return out;
}
