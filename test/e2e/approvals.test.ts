// Approval workflows end to end: the real CLI (serve, approvals, audit), real MCP SDK clients over HTTP (both
// protocol eras), and an upstream that counts every execution in a file (so counts survive gateway restarts).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@modelcontextprotocol/client';
import { cli, connectAgent, startGateway, tempDir, type RunningGateway } from './harness.js';
import { approvalsConfig } from './support/approvals-config.js';

const work = tempDir('portcullis-approvals-');
const countFile = join(work, 'executions.jsonl');

let gw: RunningGateway;
let ops: Client;
beforeAll(async () => {
  gw = await startGateway(approvalsConfig(countFile));
  ops = await connectAgent(gw.url, gw.keys.ops);
});
afterAll(async () => {
  await ops?.close();
  await gw?.stop();
  rmSync(work, { recursive: true, force: true });
});

type Approval = {
  id: string;
  status: string;
  tool: string;
  agent: string;
  arguments: Record<string, unknown>;
  argsDigest: string;
  rule: string;
  requiredApprovals: { quorum: number; groups?: string[] };
  decisions: { by: string; decision: string; comment?: string }[];
  risk: { level: string; reasons: string[] };
};
type Result = { content: { type: string; text?: string }[]; isError?: boolean; _meta?: Record<string, unknown> };

const executions = (tool?: string, file = countFile): { tool: string; args: Record<string, unknown> }[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { tool: string; args: Record<string, unknown> })
        .filter((e) => !tool || e.tool === tool)
    : [];

const rest = async (base: string, key: string | undefined, method: 'GET' | 'POST', path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Approval & { error?: { code: string; message: string } } };
};
const decide = (user: string, id: string, verb: 'approve' | 'deny', comment?: string, g = gw) =>
  rest(g.base, g.keys[user], 'POST', `/api/v1/approvals/${id}/${verb}`, comment ? { comment } : {});
const show = async (id: string, g = gw) => (await rest(g.base, g.keys.aud, 'GET', `/api/v1/approvals/${id}`)).body;
const pending = async (tool: string, g = gw): Promise<Approval[]> =>
  (
    (await rest(g.base, g.keys.aud, 'GET', '/api/v1/approvals?status=pending')).body as unknown as { items: Approval[] }
  ).items.filter((a) => a.tool === tool);
const approvalIdOf = (r: Result): string => {
  const meta = r._meta?.['io.portcullis/approval'] as { approvalId?: string } | undefined;
  const id = meta?.approvalId ?? /apr_[a-z2-7]{20}/.exec(r.content[0]?.text ?? '')?.[0];
  if (!id) throw new Error(`no approval id in ${JSON.stringify(r)}`);
  return id;
};
const textOf = (r: Result) => r.content.map((c) => c.text ?? '').join('');
const call = (
  c: Client,
  name: string,
  args: Record<string, unknown>,
  onprogress?: (p: { progress: number; message?: string }) => void,
) => c.callTool({ name, arguments: args }, onprogress ? { onprogress } : {}) as Promise<Result>;
const status = (c: Client, approvalId: string) => call(c, 'portcullis_approval_status', { approvalId });
const approvalsCli = (user: string, args: string[], g = gw) =>
  cli(['approvals', ...args, '--url', g.base], { env: { PORTCULLIS_API_KEY: g.keys[user] } });

describe.each(['legacy', 'modern'] as const)('held calls wait for people (%s era)', (era) => {
  let agent: Client;
  beforeAll(async () => {
    agent = await connectAgent(
      gw.url,
      gw.keys.ops,
      era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
    );
  });
  afterAll(async () => {
    await agent?.close();
  });

  it('below the threshold the call runs at once; above it, it waits (with progress) for 2 of the finance group', async () => {
    const customer = `below-${era}`;
    expect(textOf(await call(agent, 'pay_refund', { customer, amount: 20 }))).toBe(`refunded 20 to ${customer}`);
    expect(executions('refund').filter((e) => e.args.customer === customer)).toHaveLength(1);

    const big = `above-${era}`;
    const progress: string[] = [];
    const result = call(agent, 'pay_refund', { customer: big, amount: 200 }, (p) => progress.push(p.message ?? ''));
    let req: Approval | undefined;
    await expect
      .poll(async () => (req = (await pending('pay_refund')).find((a) => a.arguments.customer === big)), {
        timeout: 15_000,
      })
      .toBeDefined();
    await expect.poll(() => progress.length, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(progress[0]).toMatch(new RegExp(`Waiting for approval ${req!.id}: 0 of 2 approval`));
    expect(req).toMatchObject({ rule: 'refunds', requiredApprovals: { quorum: 2 }, agent: 'ops' });
    expect(req!.risk.level).toBe('high');

    // Refused: outside the group, an auditor, one person twice.
    expect(await decide('dee', req!.id, 'approve')).toMatchObject({
      status: 403,
      body: { error: { code: 'approval.forbidden' } },
    });
    expect((await decide('aud', req!.id, 'approve')).status).toBe(403);
    const first = approvalsCli('ann', ['approve', req!.id, '--comment', 'customer verified']);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(new RegExp(`${req!.id} is now pending`));
    expect(await decide('ann', req!.id, 'approve')).toMatchObject({
      status: 409,
      body: { error: { code: 'approval.conflict' } },
    });
    expect(executions('refund').filter((e) => e.args.customer === big)).toHaveLength(0);
    expect((await decide('bob', req!.id, 'approve')).body.status).toBe('approved');

    expect(textOf(await result)).toBe(`refunded 200 to ${big}`);
    expect(executions('refund').filter((e) => e.args.customer === big)).toHaveLength(1);
    const done = await show(req!.id);
    expect(done).toMatchObject({ status: 'executed', outcome: 'ok' });
    expect(done.decisions.map((d) => [d.by, d.comment])).toEqual([
      ['ann', 'customer verified'],
      ['bob', undefined],
    ]);
  });

  it('a deny while the call waits ends it at once with a clear denial; nothing runs', async () => {
    const customer = `denied-${era}`;
    const result = call(agent, 'pay_refund', { customer, amount: 300 });
    let req: Approval | undefined;
    await expect
      .poll(async () => (req = (await pending('pay_refund')).find((a) => a.arguments.customer === customer)), {
        timeout: 15_000,
      })
      .toBeDefined();
    expect((await decide('ann', req!.id, 'deny', 'wrong customer')).body.status).toBe('denied');
    const r = await result;
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(
      new RegExp(`request ${req!.id} was denied by ann \\("wrong customer"\\); the call was not made`),
    );
    expect(executions('refund').filter((e) => e.args.customer === customer)).toEqual([]);
  });

  it('one approver from each group: a person in both groups counts once', async () => {
    const customer = `huge-${era}`;
    const result = call(agent, 'pay_refund', { customer, amount: 5000 });
    let req: Approval | undefined;
    await expect
      .poll(async () => (req = (await pending('pay_refund')).find((a) => a.arguments.customer === customer)), {
        timeout: 15_000,
      })
      .toBeDefined();
    expect(req!.requiredApprovals).toEqual({ quorum: 2, groups: ['finance', 'security'] });
    expect((await decide('bob', req!.id, 'approve')).body.status).toBe('pending');
    expect((await decide('ann', req!.id, 'approve')).body.status).toBe('approved');
    expect(textOf(await result)).toBe(`refunded 5000 to ${customer}`);
    expect(executions('refund').filter((e) => e.args.customer === customer)).toHaveLength(1);
  });
});

describe.each(['legacy', 'modern'] as const)(
  'follow-up, denial, binding, replay, timeout and expiry (%s era)',
  (era) => {
    // 2026-07-28 clients (stateless requests) get the same behaviour as 2025-11-25 sessions.
    let ops: Client;
    beforeAll(async () => {
      ops = await connectAgent(
        gw.url,
        gw.keys.ops,
        era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
      );
    });
    afterAll(async () => {
      await ops?.close();
    });
    const mine = (tool: string) => executions(tool).filter((e) => JSON.stringify(e.args).includes(era));

    it('past the wait limit the agent gets the approval id; a denial is final', async () => {
      const r = await call(ops, 'pay_delete_record', { id: `deny-me-${era}` });
      expect(r.isError).toBe(true);
      const id = approvalIdOf(r);
      expect(textOf(r)).toMatch(
        /needs approval: request apr_\w+ is waiting for a decision .*portcullis_approval_status/,
      );
      expect(r._meta?.['io.portcullis/approval']).toEqual({ approvalId: id, status: 'pending' });
      expect((await show(id)).rule).toBe('approvals.critical');
      const denied = approvalsCli('cy', ['deny', id, '-m', 'not this one']);
      expect(denied.stdout).toMatch(new RegExp(`${id} is now denied`));
      const s = await status(ops, id);
      expect(s.isError).toBe(true);
      expect(textOf(s)).toMatch(/was denied by cy \("not this one"\); the call was not made/);
      expect(mine('delete_record')).toEqual([]);
    });

    it('the status tool runs an approved call exactly once; replay, other agents and changed arguments get nothing', async () => {
      const { tools } = await ops.listTools();
      expect(tools.map((t) => t.name)).toContain('portcullis_approval_status');
      const id = approvalIdOf(await call(ops, 'pay_delete_record', { id: `A-${era}` }));
      expect((await decide('ann', id, 'approve', 'ok')).body.status).toBe('approved');

      // Changed arguments or another tool: a new request, nothing executed under this approval.
      const changed = await call(ops, 'pay_delete_record', { id: `B-${era}` });
      expect(approvalIdOf(changed)).not.toBe(id);
      const other = await call(ops, 'pay_wire_transfer', { account: `A-${era}`, amount: 1, ms: 0 });
      expect(approvalIdOf(other)).not.toBe(id);
      // Another agent cannot see or use it.
      const stranger = await connectAgent(
        gw.url,
        gw.keys.other,
        era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {},
      );
      expect(textOf(await status(stranger, id))).toBe(`Unknown approval ${id}`);
      await stranger.close();
      expect(mine('delete_record')).toEqual([]);

      expect(textOf(await status(ops, id))).toBe(`deleted A-${era}`);
      const replay = await status(ops, id);
      expect(replay.isError).toBe(true);
      expect(textOf(replay)).toMatch(/was already used at .*: an approval runs its call once/);
      // The same call again asks anew (the used approval does not cover it).
      expect(approvalIdOf(await call(ops, 'pay_delete_record', { id: `A-${era}` }))).not.toBe(id);
      expect(mine('delete_record').map((e) => e.args.id)).toEqual([`A-${era}`]);

      // The audit trail: one approval id ties the request, the decision, the call's own records and the execution.
      const q = cli(['audit', 'query', '--config', gw.configFile, '--approval-id', id, '--order', 'asc']);
      expect(q.code).toBe(0);
      const types = q.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { type: string }).type);
      expect(types).toEqual(
        expect.arrayContaining([
          'approval.requested',
          'approval.approved',
          'tool.call.denied',
          'tool.call.requested',
          'tool.call.completed',
          'approval.executed',
        ]),
      );
    });

    it('timeout: no decision in time denies, and a decision after the timeout changes nothing', async () => {
      const id = approvalIdOf(await call(ops, 'pay_wire_transfer', { account: `late-${era}`, amount: 10, ms: 0 }));
      await expect.poll(async () => (await show(id)).status, { timeout: 20_000, interval: 500 }).toBe('expired');
      expect(await decide('ann', id, 'approve')).toMatchObject({
        status: 409,
        body: { error: { code: 'approval.conflict' } },
      });
      expect((await show(id)).status).toBe('expired');
      const s = await status(ops, id);
      expect(textOf(s)).toMatch(/expired at .* \(no decision in time\); the call was not made/);
      expect(mine('wire_transfer')).toEqual([]);
    });

    it('expiry: an approval not used in time is void', async () => {
      const id = approvalIdOf(await call(ops, 'pay_wire_transfer', { account: `unused-${era}`, amount: 10, ms: 0 }));
      expect((await decide('ann', id, 'approve')).body.status).toBe('approved');
      await expect.poll(async () => (await show(id)).status, { timeout: 20_000, interval: 500 }).toBe('expired');
      expect(textOf(await status(ops, id))).toMatch(/approved but not executed in time/);
      expect(mine('wire_transfer')).toEqual([]);
    });
  },
);

describe('approvals CLI', () => {
  it('a key the gateway refuses says which key and what is needed, and never echoes it', () => {
    const hint =
      'is not a user key of this gateway: create one with portcullis users create NAME; agent keys are refused)\n';
    for (const key of ['pcl_notAKeyOfThisGateway_0123456789abcdefghij', gw.keys.ops!]) {
      const r = cli(['approvals', 'list', '--url', gw.base], { env: { PORTCULLIS_API_KEY: key } });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/^portcullis: 401 auth\.invalid: .+ \(the key from \$PORTCULLIS_API_KEY /);
      expect(r.stderr.endsWith(hint), r.stderr).toBe(true);
      expect(r.stderr).not.toContain(key);
    }
  });

  it('the CLI lists and shows requests with the exact call and its risk reasons', async () => {
    const id = approvalIdOf(await call(ops, 'pay_delete_record', { id: 'shown' }));
    const list = approvalsCli('aud', ['list', '--status', 'pending']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+pending\\s+pay_delete_record\\s+ops\\s+0/1`));
    const shown = approvalsCli('aud', ['show', id]);
    expect(shown.stdout).toMatch(/arguments\s+\{"id":"shown"\}/);
    expect(shown.stdout).toMatch(/risk\s+high \(destructive/);
    expect(shown.stdout).toMatch(/verb 'delete' in name/);
    const refused = approvalsCli('aud', ['approve', id]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/403 policy.denied: Requires one of the roles: approver, admin/);
  });
});
