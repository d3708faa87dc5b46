/** The API's own auth and transport parameters are no evidence; returned or managed secrets still are. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importOpenApiSpec } from '../backends/openapi/index.js';
import type { JsonObject, ToolDefinition, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';

const str = (description = ''): JsonObject => ({ type: 'string', description });
const obj = (properties: JsonObject): JsonObject => ({ type: 'object', properties });
const api = (method: string, path: string, operationId: string, extra: Partial<ToolSource> = {}): ToolSource =>
  ({ kind: 'openapi', backend: 't', method, path, operationId, ...extra }) as ToolSource;
const def = (name: string, props: JsonObject, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name,
  inputSchema: obj(props),
  ...extra,
});

const sigV4: JsonObject = Object.fromEntries(
  ['X-Amz-Content-Sha256', 'X-Amz-Date', 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Security-Token']
    .concat(['X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Target'])
    .map((n) => [n, str()]),
);
const google: JsonObject = Object.fromEntries(
  ['$.xgafv', 'access_token', 'alt', 'callback', 'fields', 'key', 'oauth_token', 'prettyPrint', 'quotaUser']
    .concat(['upload_protocol', 'uploadType'])
    .map((n) => [n, str(n === 'key' ? 'API key. Your API key identifies your project' : 'OAuth 2.0 token')]),
);

describe('auth and transport parameters are not credential evidence', () => {
  it('AWS SigV4 headers on a write: no credential-access, and the X-Amz-Target fragment names no service noun', () => {
    const a = classifyTool(
      def('CreateGroup', { ...sigV4, OrganizationId: str(), Name: str() }),
      api('POST', '/#X-Amz-Target=WorkMailService.CreateGroup', 'CreateGroup'),
    );
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).not.toContain('credential-access');
    // "WorkMailService" is the protocol's target, not a mail the tool sends.
    expect(a.categories).not.toContain('external-communication');
  });

  it("Google's standard query parameters on a write: no credential-access", () => {
    const a = classifyTool(
      def('bigtableadmin.projects.instances.tables.patch', { name: str(), ...google }),
      api('PATCH', '/v2/{+name}', 'bigtableadmin.projects.instances.tables.patch'),
    );
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).not.toContain('credential-access');
  });

  it("an HTTP API's access_token / api_key parameter is the caller's auth; an MCP tool's token field still counts", () => {
    const viaApi = classifyTool(
      def('updateNote', { id: str(), access_token: str(), api_key: str(), text: str() }),
      api('PUT', '/notes/{id}', 'updateNote'),
    );
    expect(viaApi.categories).not.toContain('credential-access');
    const viaMcp = classifyTool(def('store_login', { service: str(), access_token: str() }), {
      kind: 'mcp',
      server: 't',
    });
    expect(viaMcp.categories).toContain('credential-access');
  });

  it('a lone `key` or `fields` field is not taken for the Google set (only several together are)', () => {
    const a = classifyTool(
      def('update_secret', { key: str(), value: str(), fields: str() }),
      api('PUT', '/vault/{name}', 'update_secret'),
    );
    expect(a.categories).toContain('credential-access');
  });

  it('a tool that manages or returns secrets stays credential-access next to auth parameters', () => {
    const rotate = classifyTool(
      def('RotateAccessKey', { ...sigV4, UserName: str() }),
      api('POST', '/#X-Amz-Target=IAM.RotateAccessKey', 'RotateAccessKey'),
    );
    expect(rotate.categories).toContain('credential-access');
    expect(rotate.level).toBe('high');
    const returns = classifyTool(
      def(
        'secretmanager.projects.secrets.versions.access',
        { name: str(), ...google },
        { outputSchema: obj({ payload: obj({ data: str() }), secretValue: str() }) },
      ),
      api('GET', '/v1/{+name}:access', 'secretmanager.projects.secrets.versions.access'),
    );
    expect(returns.categories).toContain('credential-access');
    const output = classifyTool(
      def(
        'GetSessionToken',
        { ...sigV4, DurationSeconds: str() },
        {
          outputSchema: obj({ Credentials: obj({ SecretAccessKey: str(), SessionToken: str() }) }),
        },
      ),
      api('POST', '/#X-Amz-Target=STS.GetSessionToken', 'GetSessionToken'),
    );
    expect(output.categories).toContain('credential-access');
  });

  it('an admin scope is administration only when no generic scope grants the operation', () => {
    const both = classifyTool(
      def('bigtableadmin.projects.instances.tables.patch', { name: str(), ...google }),
      api('PATCH', '/v2/{+name}', 'bigtableadmin.projects.instances.tables.patch', {
        scopes: ['https://www.googleapis.com/auth/bigtable.admin', 'https://www.googleapis.com/auth/cloud-platform'],
      }),
    );
    expect(both.categories).not.toContain('administrative');
    const adminOnly = classifyTool(
      def('directory.users.patch', { userKey: str() }),
      api('PATCH', '/admin/directory/v1/users/{userKey}', 'directory.users.patch', {
        scopes: ['https://www.googleapis.com/auth/admin.directory.user'],
      }),
    );
    expect(adminOnly.categories).toContain('administrative');
  });

  it('a read verb leading the method of a dotted operationId makes a POST a read; a write verb there does not', () => {
    const read = classifyTool(
      def('bigtableadmin.projects.instances.tables.getIamPolicy', { resource: str(), ...google }),
      api('POST', '/v2/{+resource}:getIamPolicy', 'bigtableadmin.projects.instances.tables.getIamPolicy'),
    );
    expect(read.sideEffect).toBe('none');
    const write = classifyTool(
      def('bigtableadmin.projects.instances.tables.setIamPolicy', { resource: str(), ...google }),
      api('POST', '/v2/{+resource}:setIamPolicy', 'bigtableadmin.projects.instances.tables.setIamPolicy'),
    );
    expect(write.sideEffect).not.toBe('none');
    expect(write.categories).toContain('administrative');
  });

  it('"a consistency token" in a description is no secret', () => {
    const a = classifyTool(
      def(
        'tables.checkConsistency',
        { name: str(), consistencyToken: str() },
        {
          description: 'Checks replication consistency based on a consistency token.',
        },
      ),
      api('POST', '/v2/{+name}:checkConsistency', 'bigtableadmin.projects.instances.tables.checkConsistency'),
    );
    expect(a.categories).not.toContain('credential-access');
    expect(a.sideEffect).toBe('none');
  });
});

describe('through the real OpenAPI importer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-protocol-params-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("an apiKey security scheme's parameter is hidden from the agent and is no evidence; a body secret is", async () => {
    const file = join(dir, 'spec.json');
    const spec = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://api.example.test' }],
      components: { securitySchemes: { k: { type: 'apiKey', in: 'query', name: 'api_token' } } },
      security: [{ k: [] }],
      paths: {
        '/notes': {
          post: {
            operationId: 'createNote',
            parameters: [{ name: 'api_token', in: 'query', schema: { type: 'string' } }],
            requestBody: {
              content: { 'application/json': { schema: obj({ title: str(), body: str() }) } },
            },
            responses: { '201': { description: 'ok' } },
          },
        },
        '/webhooks': {
          post: {
            operationId: 'createWebhook',
            requestBody: {
              content: { 'application/json': { schema: obj({ url: str(), signing_secret: str() }) } },
            },
            responses: { '201': { description: 'ok' } },
          },
        },
      },
    };
    writeFileSync(file, JSON.stringify(spec));
    const { tools } = await importOpenApiSpec(file);
    const note = tools.find((t) => t.source.kind === 'openapi' && t.source.operationId === 'createNote')!;
    expect(Object.keys((note.definition.inputSchema.properties ?? {}) as JsonObject)).not.toContain('api_token');
    expect(classifyTool(note.definition, note.source).categories).not.toContain('credential-access');
    const hook = tools.find((t) => t.source.kind === 'openapi' && t.source.operationId === 'createWebhook')!;
    expect(classifyTool(hook.definition, hook.source).categories).toContain('credential-access');
  });
});
