// The audit log in the running gateway: every call recorded (intent before execution), redacted, verifiable,
// queryable over CLI and REST; when the audit store cannot be written, calls are refused.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  auditQuery,
  cli,
  connectAgent,
  eventually,
  FIXTURES,
  lockAuditStore,
  type RunningGateway,
  startGateway,
} from './harness.js';

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(`
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
agents:
  bot:
    tools: { allow: ["t_echo", "t_add_tool"] }
users:
  audrey: { roles: [auditor] }
`);
});
afterAll(async () => {
  await gw?.stop();
});

const connect = async () => {
  const c = await connectAgent(gw.url, gw.keys.bot);
  return c;
};
type Rec = {
  type: string;
  requestId?: string;
  tool?: string;
  agent?: string;
  decision?: string;
  resultStatus?: string;
  arguments?: Record<string, unknown>;
  user?: string;
  detail?: Record<string, unknown>;
  seq: number;
};
const query = (...args: string[]) => auditQuery<Rec>(gw.configFile, ...args);

describe('audit log in the gateway', () => {
  it('records intent before outcome for each call, with personal data redacted, and the chain verifies', async () => {
    const c = await connect();
    await c.listTools();
    await c.callTool({
      name: 't_echo',
      arguments: { message: 'mail jane.doe@example.com about card 4111 1111 1111 1111' },
    });
    await expect(c.callTool({ name: 't_env', arguments: { name: 'HOME' } })).rejects.toThrow(/Unknown tool/);
    await c.close();

    const calls = (await eventually(() => {
      // The tool's own pin event (tool.pinned) carries its name too: only the call's records here.
      const recs = query('--tool', 't_echo').filter((r) => r.type.startsWith('tool.call.'));
      return recs.length >= 2 ? recs : undefined;
    }))!;
    const [intent, outcome] = calls;
    expect(intent!.type).toBe('tool.call.requested');
    expect(outcome!.type).toBe('tool.call.completed');
    expect(outcome!.requestId).toBe(intent!.requestId);
    expect(intent!.seq).toBeLessThan(outcome!.seq);
    const text = JSON.stringify(calls);
    expect(text).not.toContain('jane.doe@example.com');
    expect(text).not.toContain('4111 1111 1111 1111');

    const denied = query('--tool', 't_env').filter((r) => r.type.startsWith('tool.call.'));
    expect(denied.map((r) => r.type)).toEqual(['tool.call.denied']);
    expect(denied[0]!.decision).toBe('deny');
    expect(query('--type', 'tools.listed').length).toBeGreaterThan(0);

    const v = cli(['audit', 'verify', '--config', gw.configFile]);
    expect(v.code).toBe(0);
  });

  it('records authentication failures', async () => {
    await fetch(gw.url, {
      method: 'POST',
      headers: { authorization: 'Bearer pcl_nope', 'content-type': 'application/json' },
      body: '{}',
    });
    await eventually(() => query('--type', 'auth.failed').length > 0);
  });

  it('serves the log to auditors over REST, with cursor pagination', async () => {
    const r = await fetch(`${gw.base}/api/v1/audit?tool=t_echo&limit=1`, {
      headers: { authorization: `Bearer ${gw.keys.audrey}` },
    });
    expect(r.status).toBe(200);
    const page = (await r.json()) as { records: Rec[]; nextCursor?: string };
    expect(page.records).toHaveLength(1);
    expect(page.nextCursor).toBeTruthy();
    const next = (await (
      await fetch(`${gw.base}/api/v1/audit?tool=t_echo&limit=1&cursor=${encodeURIComponent(page.nextCursor!)}`, {
        headers: { authorization: `Bearer ${gw.keys.audrey}` },
      })
    ).json()) as { records: Rec[] };
    expect(next.records[0]!.seq).not.toBe(page.records[0]!.seq);
    const csv = await fetch(`${gw.base}/api/v1/audit/export?format=csv&tool=t_echo`, {
      headers: { authorization: `Bearer ${gw.keys.audrey}` },
    });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(await csv.text()).toMatch(/tool\.call\.requested/);
    // Each admin action says how the person signed in: here a user key on the request (its id, never the key).
    const viaApi = () =>
      query('--type', 'admin.action.performed').find((r) => r.user === 'audrey' && r.detail?.via === 'api');
    await eventually(() => viaApi() !== undefined);
    const action = viaApi();
    const keyId = gw.keys.audrey!.split('_')[1];
    expect(action?.detail).toMatchObject({ via: 'api', signIn: 'user-key', keyId });
    expect(JSON.stringify(action)).not.toContain(gw.keys.audrey!);
  });

  it('no audit, no call: while the audit store cannot be written, calls are refused and never executed', async () => {
    const c = await connect();
    const before = (await c.listTools()).tools.length;
    // Another connection holds the write lock: the gateway's durable intent write cannot complete.
    const release = await lockAuditStore(gw);
    try {
      const err = await c.callTool({ name: 't_add_tool', arguments: {} }).then(
        () => undefined,
        (e: unknown) => e as Error & { code?: number },
      );
      expect(err?.message).toMatch(/[Aa]udit/);
      expect(err?.code).toBe(-32004);
    } finally {
      await release();
    }
    // The upstream never ran the call: its tool list did not grow.
    expect((await c.listTools()).tools.length).toBe(before);
    const ok = await c.callTool({ name: 't_echo', arguments: { message: 'store is back' } });
    expect(ok.isError).toBeFalsy();
    await c.close();
  }, 30_000);
});
