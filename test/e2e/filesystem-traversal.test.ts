// Path traversal through the real filesystem MCP server (@modelcontextprotocol/server-filesystem): the server may
// read its whole root, the policy grants one agent reads under <root>/public only, with `path.within` over the
// tool's `path` argument. Dot segments, case changes, relative and home-relative paths never read the secret; every
// call, allowed or refused, has an audit record.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { cli, connectAgent, startGateway, tempDir, type RunningGateway } from './harness.js';

const require = createRequire(import.meta.url);
const SERVER = require.resolve('@modelcontextprotocol/server-filesystem/dist/index.js');
const root = tempDir('portcullis-fs-');
const SECRET = 'TOP-SECRET-7f3a9c';
mkdirSync(join(root, 'public', 'docs'), { recursive: true });
mkdirSync(join(root, 'secret'));
writeFileSync(join(root, 'public', 'ok.txt'), 'public text');
writeFileSync(join(root, 'secret', 'key.txt'), SECRET);

const CONFIG = `
upstreams:
  fs:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(SERVER)}, ${JSON.stringify(root)}]
agents:
  reader:
    tools:
      allow: []
policy:
  rules:
    - id: public-reads
      effect: allow
      agents: [reader]
      tools: ["fs_read_text_file", "fs_list_directory"]
      when: "path.within(args.path, '${join(root, 'public')}')"
`;

let gw: RunningGateway;
let client: Client;
beforeAll(async () => {
  gw = await startGateway(CONFIG);
  client = await connectAgent(gw.url, gw.keys.reader);
}, 60_000);
afterAll(async () => {
  await client?.close();
  await gw?.stop();
  rmSync(root, { recursive: true, force: true });
});

const text = (r: unknown) =>
  ((r as { content?: Array<{ type: string; text?: string }> }).content ?? []).map((c) => c.text ?? '').join('\n');

async function read(path: string): Promise<{ ok: boolean; out: string }> {
  try {
    const r = (await client.callTool({ name: 'fs_read_text_file', arguments: { path } })) as { isError?: boolean };
    return { ok: r.isError !== true, out: text(r) };
  } catch (e) {
    return { ok: false, out: (e as Error).message };
  }
}

describe('the real filesystem server behind a path policy', () => {
  it('reads under the granted subtree', async () => {
    expect(await read(join(root, 'public', 'ok.txt'))).toEqual({ ok: true, out: 'public text' });
    expect(await read(`${root}/public/docs/../ok.txt`)).toEqual({ ok: true, out: 'public text' });
  });

  it.each([
    ['dot segments', () => `${root}/public/../secret/key.txt`],
    ['dot segments after a subfolder', () => `${root}/public/docs/../../secret/key.txt`],
    ['a sibling that shares the prefix', () => `${root}/public-not/../secret/key.txt`],
    ['mixed case', () => `${root}/PUBLIC/../secret/key.txt`],
    ['a relative path', () => 'public/../secret/key.txt'],
    ['a home-relative path', () => '~/../secret/key.txt'],
    ['a backslash', () => `${root}/public\\..\\secret\\key.txt`],
  ])('%s is refused by policy and the secret never comes back', async (_label, path) => {
    const r = await read(path());
    expect(r.ok).toBe(false);
    expect(r.out).not.toContain(SECRET);
    expect(r.out).toMatch(/denied|policy/i);
  });

  it('percent-encoded dots are literal names to this server: no secret either way', async () => {
    const r = await read(`${root}/public/%2e%2e/secret/key.txt`);
    expect(r.ok).toBe(false);
    expect(r.out).not.toContain(SECRET);
  });

  it('listing a parent through a traversal is refused', async () => {
    const r = (await client
      .callTool({ name: 'fs_list_directory', arguments: { path: `${root}/public/..` } })
      .catch((e: Error) => ({ isError: true, content: [{ type: 'text', text: e.message }] }))) as { isError?: boolean };
    expect(r.isError).toBe(true);
    expect(text(r)).not.toContain('secret');
  });

  it('every call, allowed or refused, has an audit record naming the rule', () => {
    const q = cli(['audit', 'query', '--config', gw.configFile, '--tool', 'fs_read_text_file', '--limit', '1000']);
    expect(q.code, q.stderr).toBe(0);
    const recs = q.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; decision?: string; rule?: string });
    const denied = recs.filter((r) => r.decision === 'deny');
    expect(denied.length).toBeGreaterThanOrEqual(7);
    expect(recs.some((r) => r.decision === 'allow' && r.rule === 'public-reads')).toBe(true);
    expect(JSON.stringify(recs)).not.toContain(SECRET);
  });
});
