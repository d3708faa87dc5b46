/** The OpenAPI 3.1 description of the REST API, served at /api/v1/openapi.json. Kept next to the routes. */
export function apiDocument(): Record<string, unknown> {
  const error = { $ref: '#/components/schemas/Error' };
  const auth = [{ userKey: [] }];
  const ok = (description: string, schema: Record<string, unknown> = { type: 'object' }) => ({
    200: { description, content: { 'application/json': { schema } } },
    401: { description: 'Missing or invalid user key', content: { 'application/json': { schema: error } } },
    403: { description: 'The user lacks the role', content: { 'application/json': { schema: error } } },
  });
  const filters = [
    'from',
    'to',
    'agent',
    'user',
    'tool',
    'backend',
    'decision',
    'risk',
    'approvalId',
    'status',
    'type',
    'requestId',
    'limit',
    'cursor',
    'order',
  ].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
  return {
    openapi: '3.1.0',
    info: { title: 'Portcullis REST API', version: '1' },
    components: {
      securitySchemes: {
        userKey: { type: 'http', scheme: 'bearer', description: 'A user key from `portcullis users create`' },
        dashboardSession: {
          type: 'apiKey',
          in: 'cookie',
          name: '__Host-portcullis-session',
          description:
            'The dashboard session (POST /auth/session); state-changing requests also need the `x-csrf-token` header',
        },
      },
      schemas: {
        Error: {
          type: 'object',
          properties: {
            error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
          },
        },
      },
    },
    security: [...auth, { dashboardSession: [] }],
    paths: {
      '/api/v1/tools': {
        get: {
          summary: 'Tool inventory, quarantined tools included (roles: admin, auditor)',
          responses: ok(
            'Tools with backend, source, annotations, `quarantined` and `pin: { state, hash, pendingHash?, reason? }`',
          ),
        },
      },
      '/api/v1/tools/{name}/diff': {
        get: {
          summary: 'Pinned vs pending definition of a tool, with the changed JSON pointers (roles: admin, auditor)',
          responses: ok('{ kind, name, backend, state, pinned, pending, changes }'),
        },
      },
      '/api/v1/tools/{name}/accept': {
        post: {
          summary:
            'Accept the pending definition of a quarantined tool from {"reason": "…", "hash"?: "…"}; 409 when nothing is pending or the hash differs (role: admin)',
          responses: ok('The pin after acceptance'),
        },
      },
      '/api/v1/prompts': {
        get: { summary: 'Pinned prompts and their state (roles: admin, auditor)', responses: ok('Prompts') },
      },
      '/api/v1/prompts/{name}/diff': {
        get: { summary: 'Pinned vs pending definition of a prompt (roles: admin, auditor)', responses: ok('Diff') },
      },
      '/api/v1/prompts/{name}/accept': {
        post: { summary: 'Accept the pending definition of a prompt (role: admin)', responses: ok('The pin') },
      },
      '/api/v1/backends': {
        get: {
          summary: 'Backend connection and circuit breaker states (roles: admin, auditor)',
          responses: ok(
            'Backend states, each with `circuit` (state, consecutive failures, failure rate, opened at) and, for a pooled or per-agent stdio upstream, `processes` (mode, total, ready)',
          ),
        },
      },
      '/api/v1/agents': {
        get: { summary: 'Agents, permissions and key ids, never secrets (role: admin)', responses: ok('Agents') },
      },
      '/api/v1/policy/matrix': {
        get: {
          summary: 'Permission matrix: agent × tool with effect, visibility and deciding rule (role: admin)',
          parameters: [{ name: 'format', in: 'query', schema: { enum: ['json', 'csv'] } }],
          responses: { 200: { description: 'Matrix', content: { 'application/json': {}, 'text/csv': {} } } },
        },
      },
      '/api/v1/audit': {
        get: {
          summary: 'Query the audit log with cursor pagination (roles: admin, auditor)',
          parameters: filters,
          responses: ok('A page of audit records'),
        },
      },
      '/api/v1/audit/export': {
        get: {
          summary: 'Export audit records as JSON Lines or CSV (roles: admin, auditor)',
          parameters: [...filters, { name: 'format', in: 'query', schema: { enum: ['jsonl', 'csv'] } }],
          responses: { 200: { description: 'Export', content: { 'application/jsonl': {}, 'text/csv': {} } } },
        },
      },
      '/api/v1/report': {
        get: {
          summary:
            'Security score and report of this deployment (roles: admin, auditor); JSON per schema/report.schema.json. Never stored: POST /api/v1/report/history records a score',
          parameters: [{ name: 'format', in: 'query', schema: { enum: ['json', 'md', 'html', 'pdf'] } }],
          responses: {
            200: {
              description: 'The report',
              content: { 'application/json': {}, 'text/markdown': {}, 'text/html': {}, 'application/pdf': {} },
            },
          },
        },
      },
      '/api/v1/report/history': {
        get: {
          summary: 'Stored scores, oldest first: [{ at, score, grade, areas }] (roles: admin, auditor)',
          responses: ok('History', { type: 'array' }),
        },
        post: {
          summary:
            "Record the current score in the history (at most one entry an hour unless the score changed); answers 201 with the report's score and the latest stored entry (role: admin)",
          responses: { 201: { description: 'The score and the latest history entry' } },
        },
      },
      '/api/v1/report/acknowledgements': {
        get: {
          summary: 'Acknowledged findings (roles: admin, auditor)',
          responses: ok('Acknowledgements', { type: 'array' }),
        },
        post: {
          summary:
            'Acknowledge a finding from {"checkId", "reason", "expiresAt"} (ISO 8601, future, at most a year ahead); answers 201 with it (role: admin)',
          responses: {
            201: { description: 'The acknowledgement' },
            400: { description: 'Invalid input', content: { 'application/json': { schema: error } } },
          },
        },
      },
      '/api/v1/audit/verify': {
        post: {
          summary:
            'Verify the hash chain and signed checkpoints; answers ok and the position (seq) of every break (roles: admin, auditor)',
          responses: ok('Verification result: ok, records, issues [{ kind, seq, message }], keySource, durationMs'),
        },
      },
      '/api/v1/policy/explain': {
        get: {
          summary: 'The real decision for one agent and tool, with rule and reasons (role: admin)',
          parameters: ['agent', 'tool', 'user', 'groups', 'args'].map((name) => ({
            name,
            in: 'query',
            required: name === 'agent' || name === 'tool',
            schema: { type: 'string' },
          })),
          responses: ok('Decision { effect, rule, reasons } and the target'),
        },
      },
      '/api/v1/agents/{name}/keys': {
        post: {
          summary: 'Create a key for the agent; the key is in this response only (role: admin)',
          responses: ok('Key'),
        },
      },
      '/api/v1/agents/{name}/keys/rotate': {
        post: {
          summary:
            "Revoke the agent's keys and issue a new one atomically; the key is in this response only (role: admin)",
          responses: ok('Key and how many were revoked'),
        },
      },
      '/api/v1/agents/{name}/keys/revoke': {
        post: { summary: 'Revoke every key of the agent (role: admin)', responses: ok('How many were revoked') },
      },
      '/api/v1/approvals': {
        get: {
          summary: 'Approval requests, newest first, with cursor pagination (roles: admin, auditor, approver)',
          parameters: [
            {
              name: 'status',
              in: 'query',
              schema: { enum: ['pending', 'approved', 'denied', 'expired', 'executing', 'executed'] },
            },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
          ],
          responses: ok('{ items: Approval[], nextCursor? }'),
        },
      },
      '/api/v1/approvals/{id}': {
        get: {
          summary:
            'One request: the exact call (arguments redacted as in the audit log, their SHA-256), risk and reasons, rule, decisions (roles: admin, auditor, approver)',
          responses: ok('Approval'),
        },
      },
      '/api/v1/approvals/{id}/approve': {
        post: {
          summary:
            'Approve with {"comment": "..."} (roles: approver, admin). 403 approval.forbidden: own request, outside the groups; 409 approval.conflict: twice, decided, timed out',
          responses: ok('The updated Approval'),
        },
      },
      '/api/v1/approvals/{id}/deny': {
        post: {
          summary: 'Deny with {"comment": "..."} (roles: approver, admin)',
          responses: ok('The updated Approval'),
        },
      },
      '/api/v1/secrets': {
        get: {
          summary: 'Vault secrets: names, versions, times and key ids, never values (role: admin)',
          responses: ok('Secrets'),
        },
      },
      '/api/v1/secrets/{name}': {
        put: {
          summary:
            'Create or update a secret from a JSON body {"value": "..."}; the value is never returned (role: admin)',
          responses: ok('Name and new version'),
        },
        delete: { summary: 'Delete a secret (role: admin)', responses: ok('Deleted') },
      },
      '/api/v1/secrets/{name}/rotate': {
        post: {
          summary: 'Replace an existing secret with a new version from {"value": "..."} (role: admin)',
          responses: ok('Name and new version'),
        },
      },
    },
  };
}
