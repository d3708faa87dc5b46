// `npm start` runs `portcullis demo`: check that what it prints works, with a real MCP client.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
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

  it('prints the dashboard URL, where the demo approver signs in to decide held calls', async () => {
    const dashboard = /Dashboard\s+(\S+)/.exec(out)?.[1];
    expect(dashboard, out).toBe(url().replace(/\/mcp$/, '/'));
    const page = await fetch(dashboard!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Portcullis</title>');
    const signIn = await fetch(new URL('/auth/session', dashboard), {
      method: 'POST',
      headers: { origin: new URL(dashboard!).origin, 'content-type': 'application/json' },
      body: JSON.stringify({ key: keyOf('demo-approver') }),
    });
    expect(await signIn.json()).toMatchObject({ signedIn: true, user: 'demo-approver', roles: ['approver'] });
  });

  it('prints its security score and where the report is', () => {
    const m = /Security score\s+(\d+)\/100 \(grade ([A-F])\)/.exec(out);
    expect(m, out).not.toBeNull();
    const file = /Report\s+(\S+security-report\.html)/.exec(out)![1]!;
    expect(file).toBe(join(dir, 'security-report.html'));
    const html = readFileSync(file, 'utf8');
    expect(html).toContain(`<title>Portcullis security report: ${m![1]}/100 (${m![2]})</title>`);
    // The bare demo has no identity provider (its approval rules are in the config): the report's SSO check says so.
    expect(html).toContain('authentication.sso');
    // Printed as it runs from this checkout (no `portcullis` on PATH here), and it runs as printed.
    const regenerate = /Regenerate\s+(.+?) \[/.exec(out)![1]!;
    expect(regenerate).toBe(`node ${CLI} report --config ${join(dir, 'portcullis.yaml')}`);
    const r = spawnSync('sh', ['-c', regenerate], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\d+\/100/);
  });

  it("prints the commands that show each tool's reasons, and they run as printed", () => {
    const printed = /the reasons: (.+)\n\s+and (.+)\):\n/.exec(out);
    expect(printed, out).not.toBeNull();
    const [openapi, mcp] = [printed![1]!, printed![2]!];
    expect(openapi).toBe(`node ${CLI} scan openapi ${join(dir, 'billing-api.openapi.json')} --format table`);
    for (const [command, reason] of [
      [openapi, /createRefund\s+high .*verb 'refund' in description/],
      [mcp, /list_tickets\s+low .*verb 'list' in name/],
    ] as const) {
      const r = spawnSync('sh', ['-c', command], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, `${command}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toMatch(reason);
    }
  });

  it('prints each agent once, with the description from its config', () => {
    const config = readFileSync(join(dir, 'portcullis.yaml'), 'utf8');
    for (const agent of ['support-bot', 'ops-agent']) {
      const description = new RegExp(`${agent}:\\n\\s+description: (".*")`).exec(config)![1]!;
      expect(out).toContain(JSON.parse(description) as string);
      expect(out.split('\n').filter((l) => l.trim().startsWith(agent))).toHaveLength(1);
    }
  });

  it('support-bot reads tickets and invoices but cannot refund nor list the billing admin users', async () => {
    const c = await connect('support-bot');
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names.filter((n) => /AdminUser/.test(n))).toEqual([]);
    await expect(c.callTool({ name: 'billing_listAdminUsers', arguments: {} })).rejects.toThrow(/Unknown tool/);
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

  it('the Claude Desktop snippet runs as printed: stdio as ops-agent, billing credential from the demo directory', async () => {
    const snippet = /Claude Desktop[\s\S]*?(\{ "mcpServers"[\s\S]*?\} \} \})/.exec(out)![1]!;
    const server = (JSON.parse(snippet) as { mcpServers: { portcullis: { command: string; args: string[] } } })
      .mcpServers.portcullis;
    expect(server.command).toBe('node');
    // Claude Desktop starts it with its own environment: nothing from the demo's.
    const c = new Client({ name: 'claude-desktop-e2e', version: '1' });
    await c.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: server.args,
        env: { PATH: process.env.PATH ?? '' },
        stderr: 'pipe',
      }),
    );
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names).toContain('helpdesk_create_ticket');
    expect(names).toContain('billing_createRefund');
    const invoices = await c.callTool({ name: 'billing_listInvoices', arguments: {} });
    expect(invoices.isError, JSON.stringify(invoices.content)).toBeFalsy();
    await c.close();
    // The spec it names lives in the demo directory, not in a temp dir removed when the demo stops.
    expect(readFileSync(join(dir, 'portcullis.yaml'), 'utf8')).toContain('spec: ./billing-api.openapi.json');
    expect(statSync(join(dir, 'secrets', 'BILLING_API_KEY')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'demo-keys.json')).mode & 0o777).toBe(0o600);
  });
  it('a second start in the same directory shows the same keys, and the first keeps working', async () => {
    let out2 = '';
    const second = spawn(process.execPath, [CLI, 'demo', '--port', '0', '--dir', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    second.stdout.on('data', (d: Buffer) => (out2 += d.toString()));
    await new Promise<void>((res, rej) => {
      const t = setTimeout(() => rej(new Error(`second demo did not start:\n${out2}`)), 30_000);
      second.stdout.on('data', () => out2.includes('Stop with Ctrl-C') && (clearTimeout(t), res()));
    });
    const exited = new Promise((r) => second.once('exit', r));
    second.kill('SIGINT');
    await exited;
    expect(new RegExp(`support-bot\\s+(pcl_\\S+)`).exec(out2)![1]).toBe(keyOf('support-bot'));
    const c = await connect('support-bot');
    expect((await c.callTool({ name: 'billing_listInvoices', arguments: {} })).isError).toBeFalsy();
    await c.close();
  });
});
