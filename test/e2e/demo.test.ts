// `npm start` runs `portcullis demo`: check that what it prints works, with a real MCP client.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { CLI, tempDir } from './harness.js';

let proc: ChildProcess;
let out = '';
const dir = tempDir('portcullis-demo-');

beforeAll(async () => {
  proc = spawn(process.execPath, [CLI, 'demo', '--port', '0', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((res, rej) => {
    const t = setTimeout(() => rej(new Error(`demo did not start:\n${out}`)), 30_000);
    proc.stdout!.on('data', () => {
      if (out.includes('Stop with Ctrl-C')) {
        clearTimeout(t);
        res();
      }
    });
  });
});
afterAll(async () => {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGINT');
  await exited;
  rmSync(dir, { recursive: true, force: true });
});

const keyOf = (agent: string) => new RegExp(`${agent}\\s+(pcl_\\S+)`).exec(out)![1]!;
const url = () => /MCP endpoint\s+(\S+)/.exec(out)![1]!;
async function connect(agent: string) {
  const c = new Client({ name: 'demo-e2e', version: '1' });
  await c.connect(
    new StreamableHTTPClientTransport(new URL(url()), {
      requestInit: { headers: { Authorization: `Bearer ${keyOf(agent)}` } },
    }),
  );
  return c;
}

describe('portcullis demo', () => {
  it('prints the endpoint, the risk inventory, two keys and client snippets', () => {
    expect(out).toMatch(/MCP endpoint\s+http:\/\/127\.0\.0\.1:\d+\/mcp/);
    expect(out).toMatch(/billing_createRefund\s+high\s+.*financial/);
    expect(out).toContain('"mcpServers"');
    expect(out).toContain(join(dir, 'portcullis.yaml'));
    // How to approve the refunds the ops agent asks for.
    expect(out).toMatch(/demo-approver\s+pcl_\S+/);
    expect(out).toMatch(/approvals approve <apr_id> --comment "checked the invoice" --url http:\/\/127\.0\.0\.1:\d+/);
  });

  it('support-bot reads tickets and invoices but cannot refund', async () => {
    const c = await connect('support-bot');
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names).toContain('helpdesk_list_tickets');
    expect(names).toContain('billing_listInvoices');
    expect(names).not.toContain('billing_createRefund');
    const invoices = await c.callTool({ name: 'billing_listInvoices', arguments: {} });
    expect(invoices.isError).toBeFalsy();
    await expect(c.callTool({ name: 'billing_createRefund', arguments: {} })).rejects.toThrow(/Unknown tool/);
    await c.close();
  });

  it('ops-agent works tickets through the bundled MCP upstream and never sees delete tools', async () => {
    const c = await connect('ops-agent');
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names).toContain('helpdesk_create_ticket');
    expect(names.filter((n) => /delete/i.test(n))).toEqual([]);
    // Sensitive by default: billing_* did not grant the high risk refund tool; naming it did.
    expect(names).toContain('billing_createRefund');
    const created = await c.callTool({
      name: 'helpdesk_create_ticket',
      arguments: { title: 'Printer on fire', customer: 'acme' },
    });
    expect(JSON.stringify(created.content)).toContain('Printer on fire');
    await c.close();
  });
});
