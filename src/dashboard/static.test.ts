import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, createStaticSite } from './static.js';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-web-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/a.js"></script>');
writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1)');
writeFileSync(join(dir, 'notes.md'), 'not served: unknown type');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeRes() {
  const out = { status: 0, headers: {} as Record<string, string>, body: undefined as unknown };
  const res = {
    writeHead(s: number, h: Record<string, string>) {
      out.status = s;
      out.headers = h;
      return res;
    },
    end(b?: unknown) {
      out.body = b;
    },
  };
  return { res: res as unknown as ServerResponse, out };
}

describe('static dashboard files', () => {
  const site = createStaticSite(dir);

  it('serves / and hashed assets from memory with the CSP and caching', () => {
    expect(site.built).toBe(true);
    const { res, out } = fakeRes();
    expect(site.serve('GET', '/', res)).toBe(true);
    expect(out.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(out.headers['cache-control']).toBe('no-store');
    expect(out.headers['content-type']).toMatch(/^text\/html/);
    const a = fakeRes();
    expect(site.serve('GET', '/assets/a.js', a.res)).toBe(true);
    expect(a.out.headers['cache-control']).toContain('immutable');
  });

  it('knows nothing beyond the files it loaded: no traversal, no unknown types, GET and HEAD only', () => {
    for (const p of ['/../index.html', '/assets/../index.html', '/notes.md', '/etc/passwd', '/assets/'])
      expect(site.has(p)).toBe(false);
    expect(site.serve('POST', '/', fakeRes().res)).toBe(false);
    const h = fakeRes();
    expect(site.serve('HEAD', '/', h.res)).toBe(true);
    expect(h.out.body).toBeUndefined();
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*/);
  });

  it('reports an unbuilt dashboard', () => {
    expect(createStaticSite(join(dir, 'missing')).built).toBe(false);
  });
});
