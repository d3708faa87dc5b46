import { createHash } from 'node:crypto';

export const TOOL_NAME_RE = /^[A-Za-z0-9_-]{1,64}$/;
const MAX = 64;

const shortHash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/**
 * `<backend>_<tool>`, valid under `^[A-Za-z0-9_-]{1,64}$`, deterministic:
 * - characters outside the set become `-`, and a hash of the original name is appended so that
 *   `a.b` and `a/b` cannot collide;
 * - names over 64 characters keep their start and end with a hash of the full original name.
 * Backend names never contain `_`, so the first `_` always separates backend and tool.
 */
export function namespacedName(backend: string, tool: string): string {
  let local = tool.replace(/[^A-Za-z0-9_-]/g, '-');
  if (local !== tool || local.length === 0) local = `${local}-${shortHash(tool, 6)}`;
  const full = `${backend}_${local}`;
  if (full.length <= MAX) return full;
  const hash = shortHash(`${backend}\u0000${tool}`, 8);
  const room = MAX - backend.length - 1 - hash.length - 1;
  return `${backend}_${local.slice(0, room)}-${hash}`;
}
