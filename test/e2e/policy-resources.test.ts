// Every resources/read, subscribe, prompts/get and completion goes through the one policy decision and the audit
// record steps, in the real gateway process with a real MCP client. Resource URIs are normalised before policy and
// forwarding: dot segments (plain and percent-encoded), mixed case and `*` crossing `/` never reach a file outside
// the granted subtree; the upstream's own request log shows what reached it.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditQuery,
  connectAgent,
  eventually,
  FIXTURES,
  lockAuditStore,
  onPostgres,
  type RunningGateway,
  startGateway,
  tempDir,
} from './harness.js';

const work = tempDir('portcullis-resources-');
const requestLog = join(work, 'requests.jsonl');
writeFileSync(requestLog, '');
const CONFIG = `
upstreams:
  fs:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'resource-upstream.mjs'))}]
    env:
      REQUEST_LOG: ${JSON.stringify(requestLog)}
agents:
  reader:
    resources:
      allow: ["fs:file:///srv/public/*"]
    prompts:
      allow: ["fs_summary"]
`;

type Rec = {
  type: string;
  decision?: string;
  rule?: string;
  reasons?: string[];
  resultStatus?: string;
  detail?: { method?: string; target?: string; visible?: number };
};
const upstreamSaw = () =>
  readFileSync(requestLog, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { method: string; params: { uri?: string; name?: string } });
const audit = (gw: RunningGateway) => auditQuery<Rec>(gw.configFile);
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error & { code?: number },
  );

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(CONFIG);
});
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('resources through the one decision point', () => {
  it('lists only what policy allows: * does not cross /', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    const uris = (await c.listResources()).resources.map((r) => r.uri);
    expect(uris).toEqual(['file:///srv/public/a.txt']);
    expect((await c.listPrompts()).prompts.map((p) => p.name)).toEqual(['fs_summary']);
    await c.close();
    // Listings leave an event each (after the answer), with what the agent could see.
    const listed = await eventually(() => {
      const r = audit(gw).filter((x) => x.type === 'resources.listed' || x.type === 'prompts.listed');
      return r.length >= 2 ? r : undefined;
    });
    expect(listed!.map((x) => [x.type, x.detail])).toEqual(
      expect.arrayContaining([
        ['resources.listed', { method: 'resources/list', visible: 1 }],
        ['prompts.listed', { method: 'prompts/list', visible: 1 }],
      ]),
    );
  });

  it('refuses traversal in every spelling; only normalised, allowed URIs reach the upstream; all are audited', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    const ok = await c.readResource({ uri: 'file:///srv/public/a.txt' });
    expect(JSON.stringify(ok.contents)).toContain('content of file:///srv/public/a.txt');
    // Normalised before matching and forwarding: the upstream gets the clean URI.
    const dotted = await c.readResource({ uri: 'FILE:///srv/public/./x/../a.txt' });
    expect(JSON.stringify(dotted.contents)).toContain('content of file:///srv/public/a.txt');

    const NOT_FOUND = /Resource not found/;
    const INVALID = /Invalid resource URI/;
    const attempts: [string, RegExp][] = [
      ['file:///srv/public/../secret/key.txt', NOT_FOUND],
      ['file:///srv/public/%2e%2e/secret/key.txt', NOT_FOUND],
      ['file:///srv/public/%2E%2E/secret/key.txt', NOT_FOUND],
      ['file:///srv/public/sub/b.txt', NOT_FOUND],
      ['file:///srv/public/%2f..%2fsecret/key.txt', INVALID],
      ['file:///srv/public/..%5csecret/key.txt', INVALID],
      ['file:///../../etc/passwd', INVALID],
    ];
    for (const [uri, why] of attempts) expect((await refusal(c.readResource({ uri })))?.message, uri).toMatch(why);
    expect((await refusal(c.subscribeResource({ uri: 'file:///srv/public/%2e%2e/secret/key.txt' })))?.message).toMatch(
      NOT_FOUND,
    );
    await c.subscribeResource({ uri: 'file:///srv/public/a.txt' });
    expect((await refusal(c.getPrompt({ name: 'fs_secret' })))?.message).toMatch(/Unknown prompt/);
    expect((await c.getPrompt({ name: 'fs_summary' })).messages).toHaveLength(1);
    const done = await c.complete({
      ref: { type: 'ref/prompt', name: 'fs_summary' },
      argument: { name: 'a', value: '' },
    });
    expect(done.completion.values).toEqual(['alpha', 'beta']);
    await c.close();

    // The upstream saw only the allowed, normalised requests.
    const saw = upstreamSaw().map((r) => `${r.method} ${r.params.uri ?? r.params.name ?? ''}`);
    expect(saw).toEqual([
      'resources/read file:///srv/public/a.txt',
      'resources/read file:///srv/public/a.txt',
      'resources/subscribe file:///srv/public/a.txt',
      'prompts/get summary',
      'completion/complete ',
    ]);

    const recs = audit(gw).filter((r) => r.type.startsWith('mcp.request.'));
    const denied = recs.filter((r) => r.type === 'mcp.request.denied');
    expect(denied).toHaveLength(attempts.length + 2);
    expect(denied.find((r) => r.detail?.target === 'fs:file:///srv/secret/key.txt')).toMatchObject({
      decision: 'deny',
      rule: 'default-deny',
    });
    expect(denied.find((r) => r.rule === 'uri-normalisation')?.reasons?.join(' ')).toMatch(/encoded slash/);
    // Every allowed request: intent before, then exactly one outcome.
    expect(recs.filter((r) => r.type === 'mcp.request.requested')).toHaveLength(5);
    expect(recs.filter((r) => r.type === 'mcp.request.completed')).toHaveLength(5);
    expect(recs.find((r) => r.type === 'mcp.request.requested' && r.detail?.method === 'prompts/get')).toMatchObject({
      decision: 'allow',
      rule: 'agents.reader.prompts.allow',
      detail: { target: 'fs_summary' },
    });
  }, 60_000);

  it('with the audit store gone, resources, prompts and completions are refused and nothing reaches the upstream', async () => {
    const c = await connectAgent(gw.url, gw.keys.reader);
    const before = upstreamSaw().length;
    // SQLite: the database files are deleted; PostgreSQL: another session locks the records table for good.
    let unlock: (() => Promise<void>) | undefined;
    if (onPostgres) unlock = await lockAuditStore(gw);
    else {
      const data = join(gw.dir, '.portcullis');
      for (const f of ['audit.db', 'audit.db-wal', 'audit.db-shm']) rmSync(join(data, f), { force: true });
    }
    expect((await refusal(c.readResource({ uri: 'file:///srv/public/a.txt' })))?.code).toBe(-32004);
    expect((await refusal(c.getPrompt({ name: 'fs_summary' })))?.code).toBe(-32004);
    expect(
      (
        await refusal(
          c.complete({ ref: { type: 'ref/prompt', name: 'fs_summary' }, argument: { name: 'a', value: '' } }),
        )
      )?.code,
    ).toBe(-32004);
    expect((await refusal(c.subscribeResource({ uri: 'file:///srv/public/a.txt' })))?.code).toBe(-32004);
    expect(upstreamSaw().length).toBe(before);
    await c.close();
    await unlock?.();
  }, 60_000);
});
