import { CelScalar, celFunc } from '@bufbuild/cel';

/**
 * Normalises a POSIX path the way a file server will resolve it, for policy: collapses `//` and `.`, applies `..`
 * lexically. Refuses (undefined) what cannot be judged safely from the string alone: a relative path or one
 * starting with `~` (the server resolves those against its own working or home directory), NUL, a backslash, and
 * a `..` that would climb above `/`. Symbolic links are the file server's to resolve: confine it to a root too.
 */
export function normalisePosixPath(p: string): string | undefined {
  if (!p.startsWith('/') || p.includes('\0') || p.includes('\\')) return undefined;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return `/${out.join('/')}`;
}

/** True when `path`, normalised, is `root` or below it (`/srv/public2` is not below `/srv/public`). */
export function pathWithin(path: string, root: string): boolean {
  const p = normalisePosixPath(path);
  const r = normalisePosixPath(root);
  if (p === undefined || r === undefined) return false;
  return r === '/' || p === r || p.startsWith(`${r}/`);
}

/**
 * CEL functions for conditions over file paths in tool arguments. `args.path.startsWith('/srv/public/')` lets
 * `/srv/public/../secret` through; `path.within(args.path, '/srv/public')` does not.
 */
export const pathFunctions = [
  celFunc('path.within', [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, (p, root) => pathWithin(p, root)),
];
