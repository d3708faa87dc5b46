// Every REST path answers exactly the methods its API document lists: any other method is 405 with an `Allow`
// header naming them (RFC 9110 §15.5.6), on every route group; the real gateway, paths read from its own document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from './harness.js';

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
users:
  root: { roles: [admin] }
`);
});
afterAll(async () => {
  await gw?.stop();
});

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];
const send = (method: string, path: string) =>
  fetch(`${gw.base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${gw.keys.root}`,
      ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
  });

describe('REST methods', () => {
  it('a method a path does not answer is 405 with Allow listing the documented methods; documented ones are not 405', async () => {
    const doc = (await (await fetch(`${gw.base}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const templates = Object.keys(doc.paths);
    // Every route group is covered: tools, prompts, backends, agents, policy, audit, report, approvals, secrets.
    for (const group of ['tools', 'prompts', 'backends', 'agents', 'policy', 'audit', 'report', 'approvals', 'secrets'])
      expect(templates.some((t) => t.startsWith(`/api/v1/${group}`))).toBe(true);
    for (const template of templates) {
      const path = template.replace('{id}', 'apr_aaaaaaaaaaaaaaaaaaaa').replace(/\{[^}]+\}/g, 'nothing-here');
      const documented = Object.keys(doc.paths[template]!).map((m) => m.toUpperCase());
      for (const method of METHODS) {
        const res = await send(method, path);
        await res.arrayBuffer();
        if (documented.includes(method)) {
          expect({ template, method, status: res.status }).not.toMatchObject({ status: 405 });
          continue;
        }
        expect({ template, method, status: res.status }).toEqual({ template, method, status: 405 });
        expect({ template, method, allow: res.headers.get('allow') }).toEqual({
          template,
          method,
          allow: documented.join(', '),
        });
      }
    }
  });

  it('a 405 carries the JSON error body with its code', async () => {
    const res = await send('DELETE', '/api/v1/approvals');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
    expect(await res.json()).toEqual({ error: { code: 'request.method_not_allowed', message: 'Method not allowed' } });
  });
});
