/**
 * Deployments for the report's table-driven tests: the demo's tools (the helpdesk MCP server's definitions and
 * the billing OpenAPI spec, classified by the real risk engine) under three configs — the bare demo, a hardened
 * deployment and a half-configured one — with the store and audit facts each would show.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { importOpenApiSpec } from '../../backends/openapi/index.js';
import { parseConfigText } from '../../config/load.js';
import type { BackendTool } from '../../core/tool.js';
import { billingSpec } from '../../demo/billing-api/billing-spec.js';
import { factsOfTools } from '../funnel.js';
import type { AuditFacts, DeploymentSnapshot, ToolFacts } from '../snapshot.js';

export const NOW = '2026-06-01T00:00:00.000Z';

const mcp = (name: string, description: string, annotations: Record<string, boolean> = {}): BackendTool => ({
  localName: name,
  definition: { name, description, inputSchema: { type: 'object' }, annotations },
  source: { kind: 'mcp', server: 'helpdesk' },
});

/** The demo helpdesk server's tools, as it lists them (src/demo/demo-upstream.ts). */
export const helpdeskTools: BackendTool[] = [
  mcp('list_tickets', 'List helpdesk tickets, optionally only those with a given status.', { readOnlyHint: true }),
  mcp('get_ticket', 'Get one ticket by id.', { readOnlyHint: true }),
  mcp('create_ticket', 'Open a new ticket for a customer.'),
  mcp('close_ticket', 'Close a ticket.', { idempotentHint: true }),
  mcp('delete_ticket', 'Permanently delete a ticket.', { destructiveHint: true }),
];

/** Helpdesk + billing tool facts, classified by the real risk engine. */
export async function demoTools(): Promise<ToolFacts[]> {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-report-'));
  try {
    const spec = join(dir, 'billing.json');
    writeFileSync(spec, JSON.stringify(billingSpec('http://127.0.0.1:9')));
    const billing = await importOpenApiSpec(spec, { name: 'billing' });
    return [...factsOfTools('helpdesk', helpdeskTools), ...factsOfTools('billing', billing.tools)].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bare demo (src/demo/demo-config.ts, as `portcullis demo` writes it). */
export const bareDemoYaml = `
dataDir: ./data
server: { host: 127.0.0.1, port: 8080 }
upstreams:
  helpdesk: { transport: stdio, command: node, args: [demo-upstream.js] }
openapi:
  billing:
    spec: billing.json
    allowPrivateNetwork: true
    auth:
      billingKey: { credential: PORTCULLIS_DEMO_BILLING_KEY }
agents:
  support-bot:
    tools:
      allow: ["helpdesk_list_tickets", "helpdesk_get_ticket", "billing_list*", "billing_get*"]
  ops-agent:
    tools:
      allow: ["helpdesk_*", "billing_*", "billing_createRefund"]
      deny: ["helpdesk_delete_*", "billing_delete*", "billing_*AdminUser*"]
policy:
  # The demo as it was before approvals (issue 9): nothing is held by default.
  approvals: { categories: [] }
  rules:
    - id: no-large-refunds
      description: refunds above 500 need a person, not an agent
      effect: deny
      tools: ["billing_createRefund"]
      when: 'has(args.amount) && args.amount > 500.0'
`;

/** Every control the report checks, set. */
export const hardenedYaml = `
dataDir: ./data
server: { host: 127.0.0.1, port: 8080 }
upstreams:
  helpdesk:
    transport: stdio
    command: node
    args: [demo-upstream.js]
    env: { HELPDESK_TOKEN: "\${secret:HELPDESK_TOKEN}" }
openapi:
  billing:
    spec: billing.json
    auth:
      billingKey: { credential: "\${secret:BILLING_KEY}" }
auth:
  oauth:
    issuer: https://idp.example.com
    audience: https://gateway.example.com/mcp
    clients: { support-app: support-bot, ops-app: ops-agent, admin-app: billing-admin }
agents:
  billing-admin:
    tools:
      allow: ["billing_listAdminUsers"]
  support-bot:
    tools:
      allow: ["helpdesk_list_tickets", "helpdesk_get_ticket", "billing_listInvoices"]
  ops-agent:
    tools:
      allow: ["helpdesk_create_ticket", "helpdesk_close_ticket", "billing_createRefund"]
policy:
  rules:
    # High-risk tools are held by exact name, for the agents that need them (a hold rule also makes a tool visible;
    # a glob rule holds or grants a high tool only when it lists risk: [high]).
    - id: refunds-above-100
      description: refunds above 100 need a finance approver
      effect: hold
      agents: ["ops-agent"]
      tools: ["billing_createRefund"]
      when: 'has(args.amount) && args.amount > 100.0'
    - id: admin-changes-need-approval
      description: every change to billing users waits for a security approver
      effect: hold
      agents: ["billing-admin"]
      tools: ["billing_createAdminUser", "billing_deleteAdminUser"]
users:
  alice: { roles: [admin] }
owners:
  "helpdesk_*": support-platform@example.com
  "billing_*": finance-platform@example.com
audit:
  signingKeyEnv: PORTCULLIS_AUDIT_SIGNING_KEY
  retention: { maxAgeDays: 400 }
  sinks:
    - { type: syslog, host: siem.example.com, port: 6514, tls: true }
`;

/** Some controls set: TLS on all interfaces, a sink, owners for one backend; keys and secrets in plain config. */
export const halfYaml = `
dataDir: ./data
server:
  host: 0.0.0.0
  port: 8443
  tls: { cert: cert.pem, key: key.pem }
upstreams:
  helpdesk:
    transport: stdio
    command: node
    args: [demo-upstream.js]
    env: { HELPDESK_TOKEN: "hd-0123456789abcdef" }
openapi:
  billing:
    spec: billing.json
    auth:
      billingKey: { credential: "\${secret:BILLING_KEY}" }
agents:
  support-bot:
    tools:
      allow: ["helpdesk_list_tickets", "helpdesk_get_ticket"]
  ops-agent:
    tools:
      allow: ["*"]
policy:
  rules:
    - id: deletes-need-approval
      effect: hold
      categories: [destructive]
owners:
  "helpdesk_*": support-platform@example.com
audit:
  sinks:
    - { type: file, path: audit.jsonl }
`;

export function auditFacts(over: Partial<AuditFacts> = {}): AuditFacts {
  return {
    records: 120,
    toolCalls: 40,
    callsWithUser: 40,
    calledByAgent: {},
    approvalEvents: 3,
    leaks: { count: 0, where: [] },
    verify: { ok: true, records: 120, checkpoints: 4, issues: [] },
    anchor: { path: '/srv/anchor/audit-anchor.jsonl', checkpoints: 4 },
    signingKeyInsideDataDir: false,
    ...over,
  };
}

export function snapshotOf(
  yaml: string,
  tools: ToolFacts[],
  over: Partial<DeploymentSnapshot> = {},
): DeploymentSnapshot {
  return {
    now: NOW,
    config: parseConfigText(yaml, 'portcullis.yaml', {}),
    rawConfig: parseYaml(yaml) as unknown,
    tools,
    keys: [],
    audit: auditFacts(),
    acknowledgements: [],
    history: [],
    ...over,
  };
}
