// The API's own auth/transport parameters (src/core/api-auth-params.ts) in the importer: hidden from the tool, and
// refused when an agent tries to put one on the wire another way (an exploded object's keys become query names).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRequest, RequestRefusedError } from './build-request.js';
import { importSpec } from './import-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'portcullis-auth-params-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const str = { type: 'string' };
const q = (name: string, extra: object = {}) => ({ name, in: 'query', schema: str, ...extra });

async function imported(parameters: object[]) {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    file,
    JSON.stringify({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      servers: [{ url: 'https://api.example.com' }],
      paths: { '/things': { get: { operationId: 'list', parameters, responses: { 200: { description: 'ok' } } } } },
    }),
  );
  const spec = await importSpec(file, { name: 'api' });
  const tool = spec.tools[0]!;
  return { props: Object.keys(tool.definition.inputSchema.properties ?? {}), plan: spec.plans.get(tool.localName)! };
}

describe('API auth and transport parameters in imported tools', () => {
  it('hides SigV4 headers and query parameters, and a caller credential parameter; keeps the rest', async () => {
    const { props, plan } = await imported([
      { name: 'X-Amz-Signature', in: 'header', schema: str },
      q('X-Amz-Credential'),
      q('access_token'),
      q('limit'),
    ]);
    expect(props).toEqual(['limit']);
    expect([...plan.apiAuthParams!].sort()).toEqual(['access_token', 'x-amz-credential', 'x-amz-signature']);
  });

  it("recognises Google's standard parameters only as a set: a lone `key` or `fields` stays the tool's own", async () => {
    const google = await imported(['key', 'fields', 'alt', 'quotaUser', 'upload_protocol', 'q'].map((n) => q(n)));
    expect(google.props).toEqual(['q']);
    const own = await imported([q('key'), q('fields')]);
    expect(own.props).toEqual(['key', 'fields']);
  });

  it('refuses the name when an exploded object would put it in the query, naming it', async () => {
    const { plan } = await imported([
      q('access_token'),
      q('filter', { style: 'form', explode: true, schema: { type: 'object', additionalProperties: true } }),
    ]);
    expect(buildRequest(plan, { filter: { colour: 'red' } }).url.search).toBe('?colour=red');
    expect(() => buildRequest(plan, { filter: { ACCESS_TOKEN: 'x' } })).toThrow(RequestRefusedError);
    expect(() => buildRequest(plan, { filter: { access_token: 'x' } })).toThrow(/access_token/);
  });
});
