import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';

/**
 * Everything a dashboard response carries: a CSP that allows only this origin's script and style files (no inline
 * script or style, no eval, nothing from elsewhere), no framing, no sniffing, no referrer.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
  /** Vite names built assets by content hash: cache them for a year; index.html never. */
  immutable: boolean;
}

/** The built dashboard (`npm run build` writes it to dist/web). */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../web/', import.meta.url));

export interface StaticSite {
  /** Whether the dashboard was built (index.html present). */
  readonly built: boolean;
  /** Whether `pathname` is one of the dashboard's files. */
  has(pathname: string): boolean;
  /** Every file's path. */
  paths(): string[];
  /** Serves GET/HEAD of a known file; false for anything else. */
  serve(method: string, pathname: string, res: ServerResponse): boolean;
}

/**
 * Loads every file of the built dashboard into memory once: requests are answered from that map only, so no
 * request path ever reaches the file system (no traversal, no symlink surprises, no file added at run time).
 */
export function createStaticSite(dir: string = DEFAULT_WEB_DIR): StaticSite {
  const assets = new Map<string, Asset>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = join(d, name);
      const st = statSync(file);
      if (st.isDirectory()) walk(file);
      else if (st.isFile() && TYPES[extname(name)]) {
        const path = `/${relative(dir, file).split(sep).join('/')}`;
        assets.set(path, {
          body: readFileSync(file),
          type: TYPES[extname(name)]!,
          immutable: path.startsWith('/assets/'),
        });
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  const index = assets.get('/index.html');
  if (index) assets.set('/', index);
  return {
    built: index !== undefined,
    has: (pathname) => assets.has(pathname),
    paths: () => [...assets.keys()],
    serve(method, pathname, res) {
      if (method !== 'GET' && method !== 'HEAD') return false;
      const a = assets.get(pathname);
      if (!a) return false;
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': a.type,
        'content-length': String(a.body.length),
        'cache-control': a.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      });
      res.end(method === 'HEAD' ? undefined : a.body);
      return true;
    },
  };
}
