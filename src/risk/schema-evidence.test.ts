/** Schemas, OpenAPI metadata and open-world reach as evidence (issue 14), through classifyTool. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importOpenApiSpec } from '../backends/openapi/index.js';
import type { JsonObject, ToolDefinition, ToolSource } from '../core/tool.js';
import { annotationsFor } from './annotations.js';
import { classifyTool } from './classify.js';

const mcp: ToolSource = { kind: 'mcp', server: 't' };
const obj = (properties: JsonObject, required?: string[]): JsonObject => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
});
const str = (description = ''): JsonObject => ({ type: 'string', description });
const def = (name: string, inputSchema: JsonObject = obj({}), extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name,
  inputSchema,
  ...extra,
});
const api = (method: string, path: string, operationId: string, extra: Partial<ToolSource> = {}): ToolSource =>
  ({ kind: 'openapi', backend: 't', method, path, operationId, ...extra }) as ToolSource;

describe('input schemas as evidence', () => {
  it('a SQL field that accepts write statements makes a query tool execute code', () => {
    const a = classifyTool(def('run_report', obj({ sql: str('Any SQL: SELECT, INSERT, UPDATE or DELETE') })), mcp);
    expect(a.sideEffect).toBe('irreversible');
    expect(a.categories).toContain('code-execution');
    expect(a.reasons.join(' | ')).toContain("field 'sql' accepts INSERT statements");
  });
  it('a read-only SQL field does not raise the side effect (still code-execution, high)', () => {
    const a = classifyTool(
      def('get_rows', obj({ sql: str('A read-only SELECT only query; INSERT is rejected') })),
      mcp,
    );
    expect(a.sideEffect).toBe('none');
    expect(a.level).toBe('high');
  });
  it('a path field that names what is deleted or written raises a read-named tool', () => {
    expect(classifyTool(def('tidy_workspace', obj({ path: str('Directory to delete') })), mcp).sideEffect).toBe(
      'irreversible',
    );
    const saves = obj({ file: str('Where the HTML is to be saved') }, ['file']);
    expect(classifyTool(def('render_page', saves), mcp).sideEffect).toBe('data-change');
    // An optional "save the output to" on a read is an option, not the tool's action.
    const optional = obj({ file: str('Where the HTML is to be saved') });
    expect(classifyTool(def('render_page', optional), mcp).sideEffect).toBe('none');
    expect(classifyTool(def('read_page', obj({ path: str('File to read') })), mcp).sideEffect).toBe('none');
  });
  it('required recipients make a report tool send', () => {
    const a = classifyTool(def('generate_report', obj({ recipients: { type: 'array' } }, ['recipients'])), mcp);
    expect(a.sideEffect).toBe('irreversible');
    expect(a.categories).toContain('external-communication');
  });
  it("'to' is a recipient only next to a message body (not a range end)", () => {
    expect(classifyTool(def('get_trace', obj({ from: str(), to: str() }, ['from', 'to'])), mcp).sideEffect).toBe(
      'none',
    );
    expect(
      classifyTool(def('dispatch_note', obj({ to: str(), body: str() }, ['to', 'body'])), mcp).categories,
    ).toContain('external-communication');
  });
  it('an e-mail or phone input is personal data, and personal data is at least medium', () => {
    const a = classifyTool(def('lookup_by_email', obj({ email: str() })), mcp);
    expect(a.categories).toContain('personal-data');
    expect(a.level).toBe('medium');
  });
});

describe('output schemas as evidence (reads)', () => {
  it('a read returning a connection string or credentials is credential-access, high', () => {
    const out = obj({ id: str(), connection_string: str() });
    const a = classifyTool(def('get_database', obj({}), { outputSchema: out }), mcp);
    expect(a).toMatchObject({ sideEffect: 'none', level: 'high' });
    expect(a.categories).toContain('credential-access');
  });
  it('a read returning a key that is a credential by nature (stream, SDK, client key) is credential-access', () => {
    const target = obj({ data: obj({ id: str(), url: str(), stream_key: str() }) });
    const a = classifyTool(def('get_restream_target', obj({ id: str() }), { outputSchema: target }), mcp);
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toContain('credential-access');
    expect(a.level).toBe('high');
    const env = obj({ name: str(), sdkKey: str() });
    expect(classifyTool(def('get_env', obj({}), { outputSchema: env }), mcp).categories).toContain('credential-access');
  });

  it('keys that identify things (flagKey, zoneKey, a bare key, a public key) are no credential', () => {
    const flags = obj({ items: { type: 'array', items: obj({ key: str(), flagKey: str(), zoneKey: str() }) } });
    const a = classifyTool(def('list_flags', obj({}), { outputSchema: flags }), mcp);
    expect(a.categories).not.toContain('credential-access');
    expect(a.level).toBe('low');
    const host = obj({ name: str(), publicKey: str(), tagKey: str() });
    expect(classifyTool(def('get_host', obj({}), { outputSchema: host }), mcp).categories).not.toContain(
      'credential-access',
    );
  });

  it('a read returning e-mail and phone is personal-data, medium', () => {
    const out = obj({ id: str(), email: str(), phone: str() });
    const a = classifyTool(def('lookup_account', obj({}), { outputSchema: out }), mcp);
    expect(a).toMatchObject({ sideEffect: 'none', level: 'medium' });
    expect(a.categories).toContain('personal-data');
  });
  it('records of people nested in a list count with two personal fields, not one', () => {
    const two = obj({ items: { type: 'array', items: obj({ email: str(), phone_number: str() }) } });
    const one = obj({ items: { type: 'array', items: obj({ author: obj({ email: str() }), title: str() }) } });
    expect(classifyTool(def('list_leads', obj({}), { outputSchema: two }), mcp).categories).toContain('personal-data');
    expect(classifyTool(def('list_docs', obj({}), { outputSchema: one }), mcp).categories).not.toContain(
      'personal-data',
    );
  });
});

describe('OpenAPI scopes and extensions as evidence', () => {
  it('an admin scope on a write is administrative; a delete scope is destructive', () => {
    const a = classifyTool(
      def('x'),
      api('POST', '/teams/{id}/settings', 'changeTeamSettings', { scopes: ['admin:org'] }),
    );
    expect(a.categories).toContain('administrative');
    expect(a.level).toBe('high');
    const b = classifyTool(def('x'), api('POST', '/items/{id}/archive', 'archiveItem', { scopes: ['items:delete'] }));
    expect(b.categories).toContain('destructive');
  });
  it('a POST search that only accepts write scopes is no read', () => {
    const a = classifyTool(def('x'), api('POST', '/things/search', 'searchThings', { scopes: ['write:things'] }));
    expect(a.sideEffect).toBe('data-change');
    const b = classifyTool(def('x'), api('POST', '/things/search', 'searchThings', { scopes: ['read:things'] }));
    expect(b.sideEffect).toBe('none');
  });
  it('x-destructive raises even a GET; x-billable makes a GET external', () => {
    const a = classifyTool(def('x'), api('GET', '/reset', 'getReset', { extensions: { 'x-destructive': true } }));
    expect(a.sideEffect).toBe('irreversible');
    expect(a.categories).toContain('destructive');
    const b = classifyTool(def('x'), api('GET', '/lookup', 'getLookup', { extensions: { 'x-billable': true } }));
    expect(b.sideEffect).toBe('external');
  });

  const tmp = mkdtempSync(join(tmpdir(), 'portcullis-risk-evidence-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  it('the importer passes scopes and x- extensions to the classifier', async () => {
    const spec = {
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://api.example.test' }],
      components: {
        securitySchemes: {
          oauth: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://a.test', scopes: {} } } },
        },
      },
      paths: {
        '/orgs/{org}/policies': {
          post: {
            operationId: 'setOrgPolicy',
            security: [{ oauth: ['admin:org'] }],
            'x-dangerous': true,
            parameters: [{ name: 'org', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': { description: 'ok' } },
          },
        },
      },
    };
    const file = join(tmp, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const { tools } = await importOpenApiSpec(file);
    const t = tools[0]!;
    expect(t.source).toMatchObject({ scopes: ['admin:org'], extensions: { 'x-dangerous': true } });
    const a = classifyTool(t.definition, t.source);
    expect(a.categories).toEqual(expect.arrayContaining(['administrative', 'destructive']));
  });
});

describe('open world: the web and paid calls are a side effect of their own', () => {
  it.each([
    ['web_search', 'Search the web for current information.', obj({ query: str() })],
    ['site_crawl', 'Crawl a website starting from a URL.', obj({ url: str() })],
    ['fetch_page', 'Fetch a page.', obj({ url: str() })],
    ['lookup_company', 'Looks up a company. Each call costs 2 credits.', obj({ name: str() })],
  ])('%s is external, medium, open world, not served read-only', (name, description, schema) => {
    const a = classifyTool(def(name, schema, { description }), mcp);
    expect(a.sideEffect).toBe('external');
    expect(a.level).toBe('medium');
    expect(annotationsFor(a)).toEqual({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
      openWorldHint: true,
    });
  });
  it('local reads stay read-only and closed-world', () => {
    const a = classifyTool(def('read_file', obj({ path: str() }), { description: 'Read a file.' }), mcp);
    expect(a.sideEffect).toBe('none');
    expect(annotationsFor(a)).toMatchObject({ readOnlyHint: true, openWorldHint: false });
  });
  it('sending is more than external: it stays irreversible', () => {
    expect(classifyTool(def('send_email', obj({ to: str(), body: str() })), mcp).sideEffect).toBe('irreversible');
  });
});
