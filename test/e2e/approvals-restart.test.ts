// kill -9 the gateway while approval requests are pending and while an approved call executes: after a restart on
// the same store nothing pending is lost and nothing runs twice (the upstream counts executions in a file).
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { connectAgent, serve, startGateway, tempDir, type RunningGateway } from './harness.js';
import { approvalsConfig } from './support/approvals-config.js';

const work = tempDir('portcullis-approvals-restart-');
const countFile = join(work, 'executions.jsonl');
let gw: RunningGateway;
const extra: ChildProcess[] = [];

beforeAll(async () => {
  gw = await startGateway(approvalsConfig(countFile));
});
afterAll(async () => {
  for (const p of extra) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Starts `portcullis serve` again on the same config (same store); resolves with its base URL. */
async function restart(): Promise<string> {
  const again = await serve(gw.configFile, { cwd: gw.dir });
  extra.push(again.proc);
  return again.base;
}
const kill9 = async (p: ChildProcess) => {
  const exited = new Promise((r) => p.once('exit', r));
  p.kill('SIGKILL');
  await exited;
};

const executions = (tool: string) =>
  existsSync(countFile)
    ? readFileSync(countFile, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { tool: string; args: Record<string, unknown> })
        .filter((e) => e.tool === tool)
    : [];
type Result = { content: { text?: string }[]; isError?: boolean; _meta?: Record<string, unknown> };
const textOf = (r: Result) => r.content.map((c) => c.text ?? '').join('');
const idOf = (r: Result) => (r._meta?.['io.portcullis/approval'] as { approvalId: string }).approvalId;
const api = async (base: string, user: string, method: 'GET' | 'POST', path: string) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${gw.keys[user]}`,
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
    },
    ...(method === 'POST' ? { body: '{}' } : {}),
  });
  return (await res.json()) as { status: string; outcome?: string };
};
const agentAt = (base: string) => connectAgent(`${base}/mcp`, gw.keys.ops);
const call = (c: Client, name: string, args: Record<string, unknown>) =>
  c.callTool({ name, arguments: args }) as Promise<Result>;

describe('kill -9 and restart', () => {
  it('keeps pending requests, and never runs an approved call twice', { timeout: 120_000 }, async () => {
    // Pending when the gateway dies.
    let agent = await agentAt(gw.base);
    const pendingId = idOf(await call(agent, 'pay_delete_record', { id: 'survivor' }));
    await agent.close();
    await kill9(gw.proc);

    let base = await restart();
    expect(await api(base, 'aud', 'GET', `/api/v1/approvals/${pendingId}`)).toMatchObject({ status: 'pending' });
    expect((await api(base, 'ann', 'POST', `/api/v1/approvals/${pendingId}/approve`)).status).toBe('approved');
    agent = await agentAt(base);
    expect(textOf(await call(agent, 'portcullis_approval_status', { approvalId: pendingId }))).toBe('deleted survivor');
    expect(executions('delete_record').map((e) => e.args.id)).toEqual(['survivor']);

    // Executing when the gateway dies: the upstream started (and counted) it, the gateway never learnt the end.
    const runningId = idOf(await call(agent, 'pay_wire_transfer', { account: 'mid-flight', amount: 5, ms: 30_000 }));
    expect((await api(base, 'ann', 'POST', `/api/v1/approvals/${runningId}/approve`)).status).toBe('approved');
    const inFlight = call(agent, 'portcullis_approval_status', { approvalId: runningId }).catch((e: Error) => e);
    await expect.poll(() => executions('wire_transfer').length, { timeout: 20_000 }).toBe(1);
    expect(await api(base, 'aud', 'GET', `/api/v1/approvals/${runningId}`)).toMatchObject({ status: 'executing' });
    await kill9(extra.at(-1)!);
    await agent.close(); // the call in flight fails (its gateway is gone)
    expect(await inFlight).toBeInstanceOf(Error);

    base = await restart();
    // SQLite: closed at start-up. PostgreSQL: closed once its lease (refreshed while it runs) is stale.
    await expect
      .poll(async () => (await api(base, 'aud', 'GET', `/api/v1/approvals/${runningId}`)).status, {
        timeout: 60_000,
        interval: 1000,
      })
      .toBe('executed');
    expect((await api(base, 'aud', 'GET', `/api/v1/approvals/${runningId}`)).outcome).toBe('interrupted');
    agent = await agentAt(base);
    const replay = await call(agent, 'portcullis_approval_status', { approvalId: runningId });
    expect(replay.isError).toBe(true);
    expect(textOf(replay)).toMatch(/was already used/);
    const again = await call(agent, 'portcullis_approval_status', { approvalId: pendingId });
    expect(textOf(again)).toMatch(/was already used/);
    await agent.close();
    expect(executions('wire_transfer')).toHaveLength(1);
    expect(executions('delete_record')).toHaveLength(1);
  });
});
