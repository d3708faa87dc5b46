// Approval requests reach approvers over a signed webhook: a receiving server verifies every signature, the first
// delivery fails (503) and is retried, the message links to the request, and the outcome is announced too.
import { createServer, type Server } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/notify/signature.js';
import { connectAgent, startGateway, tempDir, type RunningGateway } from './harness.js';

const HOOK_KEY = 'whsec_e2e_approvals_0123456789abcdef';
const UPSTREAM = join(import.meta.dirname, 'support', 'counting-upstream.mjs');
const work = tempDir('portcullis-approvals-hook-');

interface Delivery {
  verified: string;
  status: number;
  body: { kind: string; id: string; link?: string; text: string; fields?: Record<string, string> };
  delivery: string;
}
const deliveries: Delivery[] = [];
let failNext = 1;
let receiver: Server;
let gw: RunningGateway;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const v = verifyWebhookSignature({
        secret: HOOK_KEY,
        body: raw,
        timestamp: req.headers['portcullis-timestamp'] as string | undefined,
        signature: req.headers['portcullis-signature'] as string | undefined,
      });
      const status = !v.ok ? 401 : failNext-- > 0 ? 503 : 200;
      deliveries.push({
        verified: v.ok ? 'ok' : v.reason,
        status,
        body: JSON.parse(raw.toString('utf8')) as Delivery['body'],
        delivery: String(req.headers['portcullis-delivery']),
      });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const port = (receiver.address() as { port: number }).port;
  gw = await startGateway(
    `
vault: { provider: env }
notifications:
  channels:
    approvers:
      type: webhook
      url: http://127.0.0.1:${port}/hook
      secret: \${secret:APPROVAL_HOOK_KEY}
      initialDelayMs: 50
      maxDelayMs: 200
upstreams:
  pay:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(UPSTREAM)}]
    env: { COUNT_FILE: ${JSON.stringify(join(work, 'count.jsonl'))} }
agents:
  ops:
    tools: { allow: ["pay_delete_record"] }
users:
  ann: { roles: [approver] }
policy:
  approvals:
    wait: 1s
    channels: [approvers]
`,
    { env: { APPROVAL_HOOK_KEY: HOOK_KEY } },
  );
});
afterAll(async () => {
  await gw?.stop();
  await new Promise((r) => receiver?.close(r));
  rmSync(work, { recursive: true, force: true });
});

describe('approval notifications', () => {
  it('are signed, retried after a failure, link to the request, and announce the outcome', async () => {
    const agent = await connectAgent(gw.url, gw.keys.ops);
    const r = (await agent.callTool({ name: 'pay_delete_record', arguments: { id: 'x1' } })) as {
      _meta?: Record<string, { approvalId: string }>;
    };
    const id = r._meta!['io.portcullis/approval']!.approvalId;
    await agent.close();

    await expect.poll(() => deliveries.filter((d) => d.status === 200).length, { timeout: 20_000 }).toBe(1);
    const requested = deliveries.filter((d) => d.body.kind === 'approval.requested');
    expect(requested.map((d) => [d.verified, d.status])).toEqual([
      ['ok', 503],
      ['ok', 200],
    ]);
    expect(new Set(requested.map((d) => d.delivery)).size).toBe(1); // one delivery id across the retry
    expect(requested[1]!.body).toMatchObject({
      id,
      link: `${gw.base}/api/v1/approvals/${id}`,
      fields: { tool: 'pay_delete_record', agent: 'ops', status: 'pending' },
    });
    expect(requested[1]!.body.text).toMatch(new RegExp(`portcullis approvals show ${id}`));
    expect(JSON.stringify(requested)).not.toContain('x1'); // arguments never travel in notifications

    const res = await fetch(`${gw.base}/api/v1/approvals/${id}/deny`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.keys.ann}`, 'content-type': 'application/json' },
      body: JSON.stringify({ comment: 'no' }),
    });
    expect(res.status).toBe(200);
    await expect
      .poll(() => deliveries.find((d) => d.body.kind === 'approval.denied' && d.status === 200), { timeout: 20_000 })
      .toMatchObject({ verified: 'ok', body: { id, fields: { status: 'denied' } } });
  });
});
