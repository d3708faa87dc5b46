import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';
import type { RiskCategory, RiskLevel, SideEffect } from './types.js';

const obj = (properties: JsonObject): JsonObject => ({ type: 'object', properties });
const str = { type: 'string' };

interface Case {
  title: string;
  tool: ToolDefinition;
  source: ToolSource;
  level: RiskLevel;
  sideEffect: SideEffect;
  categories?: RiskCategory[];
  /** Categories that must be present (others allowed). */
  includes?: RiskCategory[];
  reason?: string;
}

const api = (method: string, path: string, operationId: string, summary?: string, tags?: string[]): ToolSource => ({
  kind: 'openapi',
  backend: 'test',
  method,
  path,
  operationId,
  ...(summary !== undefined ? { summary } : {}),
  ...(tags !== undefined ? { tags } : {}),
});
const mcp: ToolSource = { kind: 'mcp', server: 'test' };
const tool = (
  name: string,
  inputSchema: JsonObject = obj({}),
  extra: Partial<ToolDefinition> = {},
): ToolDefinition => ({
  name,
  inputSchema,
  ...extra,
});

const cases: Case[] = [
  // financial
  {
    title: 'Stripe create refund (POST /v1/refunds, amount + currency)',
    tool: tool('PostRefunds', obj({ amount: { type: 'integer' }, currency: str, charge: str })),
    source: api('POST', '/v1/refunds', 'PostRefunds', 'Create a refund'),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['financial'],
    reason: "verb 'refund'",
  },
  {
    title: 'Stripe capture a charge',
    tool: tool('PostChargesChargeCapture'),
    source: api('POST', '/v1/charges/{charge}/capture', 'PostChargesChargeCapture', 'Capture a payment'),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['financial'],
  },
  {
    title: 'Stripe create payout',
    tool: tool('PostPayouts', obj({ amount: { type: 'integer' }, currency: str })),
    source: api('POST', '/v1/payouts', 'PostPayouts', 'Create a payout'),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['financial'],
  },
  {
    title: 'MCP create_invoice with amount and currency',
    tool: tool('create_invoice', obj({ customer: str, amount: { type: 'number' }, currency: str })),
    source: mcp,
    level: 'high',
    sideEffect: 'data-change',
    includes: ['financial'],
    reason: "body field 'amount' with 'currency'",
  },
  {
    // Issue 14: reading personal data is at least medium (it was low before).
    title: 'Stripe list customers is a medium read of personal data',
    tool: tool('GetCustomers'),
    source: api('GET', '/v1/customers', 'GetCustomers', 'List all customers'),
    level: 'medium',
    sideEffect: 'none',
    categories: ['personal-data'],
    reason: 'GET method',
  },
  // destructive
  {
    title: 'GitHub delete a repository',
    tool: tool('repos/delete'),
    source: api('DELETE', '/repos/{owner}/{repo}', 'repos/delete', 'Delete a repository'),
    level: 'high',
    sideEffect: 'irreversible',
    categories: ['destructive'],
    reason: 'DELETE method',
  },
  {
    title: 'Stripe cancel a payment intent (POST, verb cancel)',
    tool: tool('PostPaymentIntentsIntentCancel'),
    source: api(
      'POST',
      '/v1/payment_intents/{intent}/cancel',
      'PostPaymentIntentsIntentCancel',
      'Cancel a PaymentIntent',
    ),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['destructive', 'financial'],
  },
  {
    title: 'filesystem write_file overwrites',
    tool: tool('write_file', obj({ path: str, content: str }), {
      description: 'Create a new file or completely overwrite an existing file with new content.',
    }),
    source: mcp,
    level: 'high',
    sideEffect: 'data-change',
    categories: ['destructive'],
  },
  {
    title: 'method enum with delete makes a write tool destructive',
    tool: tool('label_write', obj({ method: { type: 'string', enum: ['create', 'update', 'delete'] }, name: str })),
    source: mcp,
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['destructive'],
    reason: "enum value 'delete' in field 'method'",
  },
  // administrative
  {
    title: 'GitHub add a collaborator',
    tool: tool('repos/add-collaborator', obj({ permission: str })),
    source: api('PUT', '/repos/{owner}/{repo}/collaborators/{username}', 'repos/add-collaborator'),
    level: 'high',
    sideEffect: 'data-change',
    includes: ['administrative'],
  },
  {
    title: 'Slack admin remove user',
    tool: tool('admin_users_remove'),
    source: api('POST', '/admin.users.remove', 'admin_users_remove', 'Remove a user from a workspace'),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['administrative', 'destructive'],
  },
  {
    title: 'MCP assign role to user',
    tool: tool('assign_role', obj({ user_id: str, role: str })),
    source: mcp,
    level: 'high',
    sideEffect: 'data-change',
    includes: ['administrative'],
  },
  // credential-access (incl. reads)
  {
    title: 'GitHub list organization secrets (a read that touches secrets)',
    tool: tool('actions/list-org-secrets'),
    source: api('GET', '/orgs/{org}/actions/secrets', 'actions/list-org-secrets', 'List organization secrets'),
    level: 'high',
    sideEffect: 'none',
    categories: ['credential-access'],
  },
  {
    title: 'Kubernetes read a secret',
    tool: tool('readCoreV1NamespacedSecret'),
    source: api('GET', '/api/v1/namespaces/{namespace}/secrets/{name}', 'readCoreV1NamespacedSecret'),
    level: 'high',
    sideEffect: 'none',
    includes: ['credential-access'],
  },
  {
    title: 'read tool whose response carries a token',
    tool: tool('get_installation', obj({ id: str }), { outputSchema: obj({ token: str, expires_at: str }) }),
    source: mcp,
    level: 'high',
    sideEffect: 'none',
    categories: ['credential-access'],
    reason: "response field 'token'",
  },
  {
    title: 'GitHub create installation access token',
    tool: tool('apps/create-installation-access-token'),
    source: api('POST', '/app/installations/{installation_id}/access_tokens', 'apps/create-installation-access-token'),
    level: 'high',
    sideEffect: 'data-change',
    includes: ['credential-access'],
  },
  {
    title: 'rotate a webhook signing secret',
    tool: tool('rotate-webhook-signing-secret', obj({ id: str })),
    source: mcp,
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['credential-access'],
  },
  // external-communication
  {
    title: 'Slack chat.postMessage',
    tool: tool('chat_postMessage', obj({ channel: str, text: str })),
    source: api('POST', '/chat.postMessage', 'chat_postMessage', 'Sends a message to a channel.'),
    level: 'medium',
    sideEffect: 'irreversible',
    categories: ['external-communication'],
  },
  {
    title: 'send_email with to and subject',
    tool: tool('send_email', obj({ to: { type: 'array' }, subject: str, body: str })),
    source: mcp,
    level: 'medium',
    sideEffect: 'irreversible',
    includes: ['external-communication'],
  },
  {
    title: 'GitHub add issue comment',
    tool: tool('add_issue_comment', obj({ owner: str, repo: str, issue_number: { type: 'number' }, body: str })),
    source: mcp,
    level: 'medium',
    sideEffect: 'data-change',
    categories: ['external-communication'],
  },
  // code-execution
  {
    title: 'execute SQL',
    tool: tool('execute_sql', obj({ sql: str })),
    source: mcp,
    level: 'high',
    sideEffect: 'irreversible',
    categories: ['code-execution'],
  },
  {
    title: 'Kubernetes exec into a pod',
    tool: tool('connectCoreV1PostNamespacedPodExec', obj({ command: str })),
    source: api('POST', '/api/v1/namespaces/{namespace}/pods/{name}/exec', 'connectCoreV1PostNamespacedPodExec'),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['code-execution'],
  },
  {
    title: 'GitHub trigger a workflow dispatch',
    tool: tool('actions/create-workflow-dispatch', obj({ ref: str })),
    source: api(
      'POST',
      '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches',
      'actions/create-workflow-dispatch',
    ),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['code-execution'],
  },
  // infrastructure
  {
    title: 'Kubernetes scale a deployment',
    tool: tool('patchAppsV1NamespacedDeploymentScale'),
    source: api(
      'PATCH',
      '/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale',
      'patchAppsV1NamespacedDeploymentScale',
    ),
    level: 'high',
    sideEffect: 'data-change',
    includes: ['infrastructure'],
  },
  {
    title: 'Kubernetes delete a pod',
    tool: tool('deleteCoreV1NamespacedPod'),
    source: api('DELETE', '/api/v1/namespaces/{namespace}/pods/{name}', 'deleteCoreV1NamespacedPod'),
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['destructive', 'infrastructure'],
  },
  {
    title: 'DigitalOcean reboot a droplet',
    tool: tool('dropletActions_post', obj({ type: { type: 'string', enum: ['reboot', 'power_off'] } })),
    source: api('POST', '/v2/droplets/{droplet_id}/actions', 'dropletActions_post', 'Initiate a Droplet Action'),
    level: 'high',
    sideEffect: 'data-change',
    includes: ['infrastructure'],
  },
  {
    title: 'deploy a service',
    tool: tool('deploy_container_image', obj({ image: str, service: str })),
    source: mcp,
    level: 'high',
    sideEffect: 'irreversible',
    includes: ['infrastructure'],
  },
  // personal-data
  {
    title: 'HubSpot-style create contact with names and phone',
    tool: tool('create_contact', obj({ firstname: str, lastname: str, email: str, phone: str })),
    source: mcp,
    level: 'medium',
    sideEffect: 'data-change',
    categories: ['personal-data'],
  },
  // reads, including POST searches
  {
    title: 'Elasticsearch POST _search only reads',
    tool: tool('search', obj({ query: { type: 'object' } })),
    source: api('POST', '/{index}/_search', 'search', 'Search documents'),
    level: 'low',
    sideEffect: 'none',
    categories: [],
    reason: 'POST, but',
  },
  {
    title: 'POST query endpoint with a read verb',
    tool: tool('queryAuditLog', obj({ filter: { type: 'object' } })),
    source: api('POST', '/v1/audit/query', 'queryAuditLog', 'Query the audit log'),
    level: 'low',
    sideEffect: 'none',
  },
  {
    title: 'GitHub search issues (MCP)',
    tool: tool('search_issues', obj({ q: str })),
    source: mcp,
    level: 'low',
    sideEffect: 'none',
    categories: [],
  },
  {
    title: 'noun-first naming (stories-create)',
    tool: tool('stories-create', obj({ name: str })),
    source: mcp,
    level: 'medium',
    sideEffect: 'data-change',
  },
  {
    title: 'no verb anywhere fails closed',
    tool: tool('frobnicate'),
    source: mcp,
    level: 'medium',
    sideEffect: 'data-change',
    reason: 'assumed to change state',
  },
];

describe('classifyTool: hand-written cases per category', () => {
  it.each(cases.map((c) => [c.title, c] as const))('%s', (_title, c) => {
    const a = classifyTool(c.tool, c.source);
    const detail = `${a.level} ${a.sideEffect} [${a.categories.join(',')}] ${a.reasons.join(' | ')}`;
    expect(a.level, detail).toBe(c.level);
    expect(a.sideEffect, detail).toBe(c.sideEffect);
    if (c.categories) expect([...a.categories].sort(), detail).toEqual([...c.categories].sort());
    for (const cat of c.includes ?? []) expect(a.categories, detail).toContain(cat);
    if (c.reason) expect(a.reasons.join(' | '), detail).toContain(c.reason);
    expect(a.reasons.length).toBeGreaterThan(0);
  });
});

describe('classifyTool: upstream annotations', () => {
  it('never lowers: a delete tool claiming readOnlyHint stays irreversible, and says why', () => {
    const a = classifyTool(tool('delete_repository', obj({}), { annotations: { readOnlyHint: true } }), mcp);
    expect(a.sideEffect).toBe('irreversible');
    expect(a.reasons.join(' | ')).toContain('readOnlyHint: true not trusted');
  });

  it('raises: destructiveHint on a read-looking tool', () => {
    const a = classifyTool(tool('list_things', obj({}), { annotations: { destructiveHint: true } }), mcp);
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).toContain('destructive');
    expect(a.level).toBe('high');
  });

  it('raises: readOnlyHint false on a read-looking tool', () => {
    const a = classifyTool(tool('get_status', obj({}), { annotations: { readOnlyHint: false } }), mcp);
    expect(a.sideEffect).toBe('data-change');
    expect(a.reasons).toContain('upstream annotation readOnlyHint: false');
  });
});

describe('classifyTool: reasons name their signal', () => {
  it('names the verb and where it was found', () => {
    const a = classifyTool(tool('refund_payment'), mcp);
    expect(a.reasons[0]).toBe("verb 'refund' in name");
  });
  it('names path segments for OpenAPI', () => {
    const a = classifyTool(tool('x'), api('POST', '/admin/roles', 'createRole'));
    expect(a.categories).toContain('administrative');
    expect(a.reasons.join(' | ')).toMatch(/role/);
  });
});

describe('classifyTool: descriptions never talk a dangerous verb down', () => {
  const guidance = 'Provides detailed guidance and instructions for this task.';
  it('a guidance-only description may turn a create into a read, and says so', () => {
    const a = classifyTool(tool('create_component_guide', obj({}), { description: guidance }), mcp);
    expect(a.sideEffect).toBe('none');
    expect(a.reasons[0]).toContain('only provides guidance');
  });
  it.each(['delete_repository', 'execute_command', 'send_email', 'refund_payment', 'deploy_service'])(
    '%s stays side-effecting whatever the description says',
    (name) => {
      expect(classifyTool(tool(name, obj({}), { description: guidance }), mcp).sideEffect).not.toBe('none');
    },
  );
  // Issue 14: a state noun may turn a lighter action into a read (restart_status), but never deploy, run,
  // send, pay, delete, revoke or rotate (deploy_status was a read before).
  it('prefixed verbs are writes (unresolve), state nouns after a lighter action are reads (restart_status)', () => {
    expect(classifyTool(tool('unresolve_review_thread'), mcp).sideEffect).toBe('data-change');
    expect(classifyTool(tool('server_restart_status'), mcp).sideEffect).toBe('none');
    expect(classifyTool(tool('firebase_deploy_status'), mcp).sideEffect).not.toBe('none');
    expect(classifyTool(tool('job_run_history'), mcp).sideEffect).not.toBe('none');
  });
});
