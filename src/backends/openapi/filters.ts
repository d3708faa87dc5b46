/**
 * Include / exclude filters for operations. A pattern is one of:
 *   `tag:GLOB`, `method:GET`, `path:GLOB`, `operationId:GLOB` (or `op:GLOB`), `name:GLOB` (tool name),
 *   `METHOD /path-glob` (e.g. `DELETE /v1/**`), a bare `/path-glob`, or a bare glob matched against the
 *   operationId and the tags.
 * Globs are picomatch globs compiled once from operator config (never from agent input).
 *
 * An exclude is a deny: it matches every case and Unicode compatibility form of the operation id, tool name, path and
 * tag (`foldName`, as policy denies do), so `exclude: [deleteUser]` also drops `DeleteUser` and `ｄeleteUser`. An
 * include grants, so it matches as written (tags and methods were always case-insensitive).
 */
import picomatch from 'picomatch';
import { foldName } from '../../policy/glob.js';

export interface FilterSubject {
  method: string;
  path: string;
  operationId?: string;
  tags: string[];
  name: string;
}

type Matcher = (s: FilterSubject) => boolean;

/** `fold`: the pattern and each value compared in `foldName` form (every case / NFKC spelling matches). */
export function compileFilter(pattern: string, fold = false): Matcher {
  const glob = (value: string, opts: picomatch.PicomatchOptions = {}): ((v: string) => boolean) => {
    if (!fold) return picomatch(value, { dot: true, ...opts });
    const g = picomatch(foldName(value), { dot: true, ...opts });
    return (v) => g(foldName(v));
  };
  const p = pattern.trim();
  const colon = /^(tag|method|path|operationId|op|name):(.*)$/i.exec(p);
  if (colon) {
    const kind = colon[1]!.toLowerCase();
    const value = colon[2]!.trim();
    if (kind === 'method') {
      const m = value.toUpperCase();
      return (s) => s.method === m;
    }
    if (kind === 'path') {
      const g = glob(value);
      return (s) => g(s.path);
    }
    if (kind === 'tag') {
      const g = glob(value, { nocase: true });
      return (s) => s.tags.some(g);
    }
    if (kind === 'name') {
      const g = glob(value);
      return (s) => g(s.name);
    }
    const g = glob(value);
    return (s) => s.operationId !== undefined && g(s.operationId);
  }
  const mp = /^([A-Za-z]+)\s+(\/.*)$/.exec(p);
  if (mp) {
    const m = mp[1]!.toUpperCase();
    const g = glob(mp[2]!);
    return (s) => s.method === m && g(s.path);
  }
  if (p.startsWith('/')) {
    const g = glob(p);
    return (s) => g(s.path);
  }
  const g = glob(p);
  const t = glob(p, { nocase: true });
  return (s) => (s.operationId !== undefined && g(s.operationId)) || s.tags.some(t);
}

/** True when the subject passes: matches some include (or there are none) and no exclude. */
export function createOperationFilter(include: readonly string[] = [], exclude: readonly string[] = []): Matcher {
  const inc = include.map((p) => compileFilter(p));
  const exc = exclude.map((p) => compileFilter(p, true));
  return (s) => (inc.length === 0 || inc.some((m) => m(s))) && !exc.some((m) => m(s));
}
