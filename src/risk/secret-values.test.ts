/**
 * Credential access is about secret values: metadata of secrets, keys and tokens is not; values read or set,
 * credentials deleted or rotated, and bearer links (pre-signed / expiring download URLs) are.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject, ToolDefinition, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, arr, obj, str } from './test-support/schema-builders.js';

const def = (name: string, props: JsonObject, extra: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name,
  inputSchema: obj(props),
  ...extra,
});
const keyRecord = obj({ name: str(), createTime: str(), state: str(), labels: obj({}) });
const mcp: ToolSource = { kind: 'mcp', server: 't' };

describe('secret metadata vs secret values', () => {
  it('listing secrets whose declared output holds no value field is not credential-access', () => {
    const a = classifyTool(
      def(
        'signer.projects.secrets.list',
        { parent: str() },
        { outputSchema: obj({ secrets: arr(keyRecord), nextPageToken: str() }) },
      ),
      api('GET', '/v2/{parent}/secrets', 'signer.projects.secrets.list'),
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).not.toContain('credential-access');
    expect(a.level).toBe('low');
    expect(a.reasons.join(' ')).toMatch(/no field that can carry a secret/);
  });

  it('reading a version payload (a value field) stays credential-access, high', () => {
    const a = classifyTool(
      def(
        'signer.projects.secrets.versions.get',
        { name: str() },
        { outputSchema: obj({ name: str(), payload: obj({ data: str() }) }) },
      ),
      api('GET', '/v2/{name}', 'signer.projects.secrets.versions.get'),
    );
    expect(a.categories).toContain('credential-access');
    expect(a.level).toBe('high');
  });

  it('a read whose description says it returns no secret data is metadata, even without an output schema', () => {
    const a = classifyTool(
      def(
        'describe_api_token',
        { token_id: str() },
        { description: 'Describes an API token. This call does not return the token value.' },
      ),
      mcp,
    );
    expect(a.categories).not.toContain('credential-access');
    expect(a.reasons.join(' ')).toMatch(/does not return the token value/);
  });

  it('enabling a secret version (no value sent) is a medium change, not credential-access', () => {
    const a = classifyTool(
      def(
        'enable_secret_version',
        { name: str(), body: obj({ etag: str() }) },
        { description: 'Enables a version of a secret.' },
      ),
      mcp,
    );
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).not.toContain('credential-access');
    expect(a.level).toBe('medium');
  });

  it('setting a secret value, deleting a token, creating a key stay credential-access', () => {
    const set = classifyTool(def('update_secret', { name: str(), value: str('The new secret value') }), mcp);
    expect(set.categories).toContain('credential-access');
    const del = classifyTool(def('delete_api_token', { token_id: str() }), mcp);
    expect(del.categories).toEqual(expect.arrayContaining(['credential-access', 'destructive']));
    const create = classifyTool(def('create_deploy_key', { title: str() }), mcp);
    expect(create.categories).toContain('credential-access');
  });

  it('creating an empty secret container (description says it holds no data) is not credential-access', () => {
    const a = classifyTool(
      def(
        'keystore.secrets.create',
        { parent: str(), body: obj({ labels: obj({}) }) },
        { description: 'Creates a secret containing no versions.' },
      ),
      api('POST', '/v2/{parent}/secrets', 'keystore.secrets.create'),
    );
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).not.toContain('credential-access');
  });

  it("deleting an item out of a secret store is destructive; the store's name is no credential evidence then", () => {
    const a = classifyTool(def('remove_entry', { id: str() }, { description: 'Remove an entry from your vault' }), mcp);
    expect(a.categories).toContain('destructive');
    expect(a.categories).not.toContain('credential-access');
  });
});

describe('bearer links are credentials', () => {
  it('a read returning a download link valid for some minutes is credential-access, high (never low)', () => {
    const a = classifyTool(
      def(
        'GetBuildArtifact',
        { BuildId: str() },
        {
          description:
            'Returns details of the build, with a link to download the artifact that is valid for 15 minutes.',
        },
      ),
      api('GET', '/builds/{BuildId}/artifact', 'GetBuildArtifact'),
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toContain('credential-access');
    expect(a.level).toBe('high');
  });

  it('a returned field described as a pre-signed URL is credential-access', () => {
    const a = classifyTool(
      def(
        'GetReport',
        { ReportId: str() },
        {
          outputSchema: obj({
            Name: str(),
            Download: obj({ Location: str('A presigned URL to download the report.') }),
          }),
        },
      ),
      api('GET', '/reports/{ReportId}', 'GetReport'),
    );
    expect(a.categories).toContain('credential-access');
    expect(a.reasons.join(' ')).toMatch(/response field 'Location'/);
  });
});

describe('secret values named after the secret', () => {
  const rpc = (op: string): ToolSource => api('POST', `/#X-Amz-Target=vault.${op}`, op);
  it('a returned or sent string field named after a secret ("SecretString") carries the value', () => {
    const read = classifyTool(
      def(
        'GetEntryValue',
        { EntryId: str() },
        {
          description: 'Retrieves the contents of the encrypted fields of a vault entry.',
          outputSchema: obj({ ARN: str(), Name: str(), SecretString: str(), VersionId: str() }),
        },
      ),
      rpc('GetEntryValue'),
    );
    expect(read.categories).toContain('credential-access');
    const write = classifyTool(def('PutEntryValue', { EntryId: str(), SecretString: str() }), rpc('PutEntryValue'));
    expect(write.categories).toContain('credential-access');
    // Metadata fields named after the secret ("SecretId", "SecretVersionStage") carry none.
    const meta = classifyTool(
      def(
        'DescribeEntry',
        { EntryId: str() },
        {
          outputSchema: obj({ SecretId: str(), Name: str(), SecretVersionStage: str(), nextPageToken: str() }),
        },
      ),
      rpc('DescribeEntry'),
    );
    expect(meta.categories).not.toContain('credential-access');
  });

  it('a list whose description says it returns names only is metadata', () => {
    const t = classifyTool(
      def(
        'vault_secret_list',
        { vault: str() },
        { description: 'List the secrets of a vault. Returns secret names only.' },
      ),
      mcp,
    );
    expect(t.categories).not.toContain('credential-access');
  });
});

describe("a key's value under its own name", () => {
  it('reading an API key\'s "keyString" returns the key; reading its name and restrictions does not', () => {
    const op = 'apikeys.projects.keys.getKeyString';
    const value = classifyTool(
      def(op, { name: str() }, { outputSchema: obj({ keyString: str() }) }),
      api('GET', '/v2/{name}/keyString', op),
    );
    expect(value.categories).toContain('credential-access');
    expect(value.level).toBe('high');
    const meta = classifyTool(
      def('apikeys.projects.keys.get', { name: str() }, { outputSchema: obj({ name: str(), restrictions: obj({}) }) }),
      api('GET', '/v2/{name}', 'apikeys.projects.keys.get'),
    );
    expect(meta.categories).not.toContain('credential-access');
  });
});

describe("a password's hash is a value (twenty-sixth round)", () => {
  it('reading accounts with their password hashes returns credentials; reading them without does not', () => {
    const op = 'listDefaultLogins';
    const hashes = classifyTool(
      def(
        op,
        { image: str() },
        {
          description: 'List the default logins and password hashes of a router image.',
          outputSchema: obj({ logins: arr(obj({ login: str(), pwd_hash: str() })) }),
        },
      ),
      api('GET', '/images/{image}/logins', op),
    );
    expect(hashes.categories, hashes.reasons.join(' | ')).toContain('credential-access');
    expect(hashes.level).toBe('high');
    const names = classifyTool(
      def(
        op,
        { image: str() },
        {
          description: 'List the default logins and password policies of a router image.',
          outputSchema: obj({ logins: arr(obj({ login: str(), shell: str() })) }),
        },
      ),
      api('GET', '/images/{image}/logins', op),
    );
    expect(names.categories, names.reasons.join(' | ')).not.toContain('credential-access');
  });
});
