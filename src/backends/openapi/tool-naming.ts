/**
 * Tool names: `<prefix>_<operationId>` or, without a usable operationId, `<prefix>_<method>_<path>`.
 * Rules (deterministic, so names are stable across re-imports of the same spec):
 * 1. characters outside [A-Za-z0-9_-] become `_` (runs collapsed, ends trimmed);
 * 2. an operationId shared by several operations is not used for any of them: they are named from
 *    method + path instead;
 * 3. names still equal after that, and names longer than 64 characters, get `_` + 8 hex digits of a
 *    SHA-256 over "METHOD path" (the name is cut so the whole stays within 64 characters).
 */
import { createHash } from 'node:crypto';

export const TOOL_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX = 64;

export function sanitizeName(s: string): string {
  return s
    .replace(/[^A-Za-z0-9_-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_-]+|[_-]+$/g, '');
}

function shortHash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 8);
}

function withHash(name: string, key: string): string {
  const suffix = `_${shortHash(key)}`;
  return `${name.slice(0, MAX - suffix.length).replace(/[_-]+$/, '')}${suffix}`;
}

export interface NameInput {
  method: string;
  path: string;
  operationId?: string;
}

/** Names for every operation, in input order. */
export function assignToolNames(ops: readonly NameInput[], prefix?: string): string[] {
  const pre = prefix ? `${sanitizeName(prefix)}_` : '';
  const opIdCount = new Map<string, number>();
  for (const o of ops) if (o.operationId) opIdCount.set(o.operationId, (opIdCount.get(o.operationId) ?? 0) + 1);

  const methodPath = (o: NameInput): string => sanitizeName(`${o.method.toLowerCase()}_${o.path.replace(/[{}]/g, '')}`);
  const candidates = ops.map((o) => {
    const fromId = o.operationId && opIdCount.get(o.operationId) === 1 ? sanitizeName(o.operationId) : '';
    const base = fromId !== '' ? fromId : methodPath(o);
    return `${pre}${base !== '' ? base : 'operation'}`;
  });
  const count = new Map<string, number>();
  for (const c of candidates) count.set(c, (count.get(c) ?? 0) + 1);
  return candidates.map((c, i) => {
    const o = ops[i]!;
    if (count.get(c)! > 1 || c.length > MAX) return withHash(c, `${o.method.toUpperCase()} ${o.path}`);
    return c;
  });
}
