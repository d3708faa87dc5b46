// Holds on resources and prompts end to end: a `hold` rule on resources/read or prompts/get makes the request wait
// for people like a tool call (progress while waiting), bound to the normalised URI (a resource) or the prompt's
// name and arguments digest, single use. Real CLI, real MCP SDK clients over HTTP in both protocol eras, and an
// upstream that logs every request it receives (what reached it, and how often).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { FIXTURES, connectAgent, startGateway, tempDir, type RunningGateway } from './harness.js';

const work = tempDir('portcullis-approvals-resources-');
const requestLog = join(work, 'requests.jsonl');
writeFileSync(requestLog, '');

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
upstreams:
  fs:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'resource-upstream.mjs'))}]
    env: { REQUEST_LOG: ${JSON.stringify(requestLog)} }
agents:
  reader:
    resources: { allow: ["fs:file:///srv/public/**"] }
    prompts: { allow: ["fs_secret"] }
users:
  ann: { roles: [approver] }
  aud: { roles: [auditor] }
policy:
  rules:
    - id: secret-files
      effect: hold
      agents: [reader]
      resources: ["fs:file:///srv/secret/**"]
      approval: { wait: 30s }
    - id: summaries
      effect: hold
      agents: [reader]
      prompts: ["fs_summary"]
      approval: { wait: 1s }
`);
});
afterAll(async () => {
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

type Approval = {
  id: string;
  status: string;
  kind: string;
  tool: string;
  arguments: Record<string, unknown>;
  rule: string;
};
const api = async (key: string | undefined, method: 'GET' | 'POST', path: string) => {
  const res = await fetch(`${gw.base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  return (await res.json()) as Approval & { items: Approval[] };
};
const pendingFor = async (tool: string) =>
  (await api(gw.keys.aud, 'GET', '/api/v1/approvals?status=pending')).items.filter((a) => a.tool === tool);
const reached = (method: string, key: 'uri' | 'name', value: string) =>
  readFileSync(requestLog, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { method: string; params: Record<string, unknown> })
    .filter((r) => r.method === method && r.params[key] === value);
const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as Error & { code?: number; data?: { approvalId?: string; status?: string } },
  );
const textOf = (r: { content: { text?: string }[] }) => r.content.map((c) => c.text ?? '').join('');

describe.each(['legacy', 'modern'] as const)('held resources and prompts (%s era)', (era) => {
  let c: Client;
  beforeAll(async () => {
    c = await connectAgent(
      gw.url,
      gw.keys.reader,
      era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
    );
  });
  afterAll(async () => {
    await c?.close();
  });

  it('a held resources/read waits with progress, bound to the normalised URI, and is answered once when approved', async () => {
    const uri = `file:///srv/secret/${era}.txt`;
    const progress: string[] = [];
    // Asked through a dot-segment path: policy and the binding see the normalised URI.
    const read = c.readResource(
      { uri: `file:///srv/public/../secret/${era}.txt` },
      { onprogress: (p) => progress.push(p.message ?? ''), resetTimeoutOnProgress: true },
    );
    let req: Approval | undefined;
    await expect.poll(async () => (req = (await pendingFor(`fs:${uri}`))[0]), { timeout: 15_000 }).toBeDefined();
    expect(req).toMatchObject({ kind: 'resource', rule: 'secret-files', arguments: {} });
    await expect.poll(() => progress.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(progress[0]).toMatch(new RegExp(`Waiting for approval ${req!.id}`));
    expect(reached('resources/read', 'uri', uri)).toEqual([]);

    expect((await api(gw.keys.ann, 'POST', `/api/v1/approvals/${req!.id}/approve`)).status).toBe('approved');
    const r = await read;
    expect(r.contents[0]).toMatchObject({ uri, text: `content of ${uri}` });
    expect(reached('resources/read', 'uri', uri)).toHaveLength(1);
    expect((await api(gw.keys.aud, 'GET', `/api/v1/approvals/${req!.id}`)).status).toBe('executed');

    // Single use: the same read again is a new request; a deny refuses it and nothing reaches the upstream.
    const again = failure(c.readResource({ uri }));
    let next: Approval | undefined;
    await expect.poll(async () => (next = (await pendingFor(`fs:${uri}`))[0]), { timeout: 15_000 }).toBeDefined();
    expect(next!.id).not.toBe(req!.id);
    expect((await api(gw.keys.ann, 'POST', `/api/v1/approvals/${next!.id}/deny`)).status).toBe('denied');
    const e = await again;
    expect(e?.code).toBe(-32003);
    expect(e?.message).toMatch(
      new RegExp(`resource fs:${uri} was not approved: request ${next!.id} was denied by ann`),
    );
    expect(reached('resources/read', 'uri', uri)).toHaveLength(1);
  });

  // resources/subscribe exists in the 2025-11-25 era only (2026-07-28 has no subscriptions).
  if (era === 'legacy')
    it('a subscription to a held resource is refused (it cannot be approved once and used once)', async () => {
      const e = await failure(c.subscribeResource({ uri: `file:///srv/secret/${era}-sub.txt` }));
      expect(e?.code).toBe(-32003);
      expect(e?.message).toMatch(/needs approval, and resources\/subscribe cannot be approved once and used once/);
      expect(reached('resources/subscribe', 'uri', `file:///srv/secret/${era}-sub.txt`)).toEqual([]);
    });

  it('a held prompts/get past the wait limit returns the approval id; once approved the same request is answered once', async () => {
    const args = { topic: `payroll-${era}` };
    const first = await failure(c.getPrompt({ name: 'fs_summary', arguments: args }));
    expect(first?.code).toBe(-32003);
    const id = first!.data!.approvalId!;
    expect(first!.data).toEqual({ approvalId: id, status: 'pending' });
    expect(first!.message).toMatch(/prompt fs_summary needs approval: .* send the same prompts\/get again/);
    const shown = await api(gw.keys.aud, 'GET', `/api/v1/approvals/${id}`);
    expect(shown).toMatchObject({ kind: 'prompt', tool: 'fs_summary', arguments: args, rule: 'summaries' });

    // Other arguments are another request; the status tool reports, it does not answer a prompt.
    const other = await failure(c.getPrompt({ name: 'fs_summary', arguments: { topic: `other-${era}` } }));
    expect(other!.data!.approvalId).not.toBe(id);
    expect((await api(gw.keys.ann, 'POST', `/api/v1/approvals/${id}/approve`)).status).toBe('approved');
    const status = (await c.callTool({ name: 'portcullis_approval_status', arguments: { approvalId: id } })) as {
      content: { text?: string }[];
      isError?: boolean;
    };
    expect(status.isError).toBe(false);
    expect(textOf(status)).toMatch(/is approved: send the same prompts\/get again before .* to receive it \(once\)/);
    expect(reached('prompts/get', 'name', 'summary').filter((r) => JSON.stringify(r).includes(era))).toEqual([]);

    const got = await c.getPrompt({ name: 'fs_summary', arguments: args });
    expect(got.messages[0]?.content).toMatchObject({ type: 'text', text: 'prompt summary' });
    const ran = () =>
      reached('prompts/get', 'name', 'summary').filter(
        (r) => JSON.stringify(r.params.arguments) === JSON.stringify(args),
      );
    expect(ran()).toHaveLength(1);
    // Used: asking again needs a new approval.
    const replay = await failure(c.getPrompt({ name: 'fs_summary', arguments: args }));
    expect(replay!.data!.approvalId).not.toBe(id);
    expect(ran()).toHaveLength(1);
  });
});
