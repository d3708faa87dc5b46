/**
 * Seventh-round error classes on invented tools: ending a run is not destroying a thing; signing data or issuing
 * a short-lived token hands back a credential and stores nothing; a GET's lighter verbs name what is read.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, mcpSource as mcp, obj, str, toolDef as def } from './test-support/schema-builders.js';

describe('ending a run', () => {
  it('cancelling, killing or terminating a query, process, session or job stops it and destroys nothing', () => {
    const cases: Array<[string, string]> = [
      ['cancel_query', 'Cancels a running query.'],
      ['kill_process', 'Stop a process by PID.'],
      ['terminate_session', 'Ends an interactive session.'],
      ['job_abort', 'Aborts a job in progress.'],
      ['backup_operation_cancel', 'Cancels the operation.'],
    ];
    for (const [name, description] of cases) {
      const a = classifyTool(def(name, description, { id: str() }), mcp);
      expect(a.sideEffect, name).toBe('data-change');
      expect(a.categories, name).not.toContain('destructive');
    }
    const rpc = classifyTool(
      def('CancelExecution', 'Cancels an execution.', { ExecutionId: str() }),
      api('POST', '/#X-Amz-Target=Svc.CancelExecution', 'CancelExecution'),
    );
    expect(rpc.categories).not.toContain('destructive');
    expect(rpc.reasons.join(' ')).toMatch(/ends a run/);
  });

  it('a description saying work is lost keeps the removal', () => {
    const a = classifyTool(def('cancel_run', 'Cancel a run. Partial results may be lost.', { id: str() }), mcp);
    expect(a.sideEffect).toBe('irreversible');
    expect(a.categories).toContain('destructive');
  });

  it('ending a thing (an order, an instance, a payment) stays a removal', () => {
    for (const name of ['cancel_order', 'terminate_instance', 'cancel_payment']) {
      const a = classifyTool(def(name, '', { id: str() }), mcp);
      expect(a.sideEffect, name).toBe('irreversible');
    }
    expect(classifyTool(def('terminate_vm', '', { id: str() }), mcp).categories).toContain('destructive');
  });
});

describe('credentials handed back, nothing stored', () => {
  it('signing data with a held key is a read with credential-access', () => {
    for (const [id, out] of [
      ['accounts.signBlob', 'signedBlob'],
      ['accounts.signJwt', 'signedJwt'],
    ] as const) {
      const tool = { ...def(id, 'Signs it.', { name: str(), payload: str() }), outputSchema: obj({ [out]: str() }) };
      const a = classifyTool(tool, api('POST', `/v1/{name}:${id.split('.')[1]!}`, id));
      expect(a.sideEffect, id).toBe('none');
      expect(a.categories, id).toContain('credential-access');
      expect(a.level, id).toBe('high');
    }
  });

  it('signing a document is not read as a signature of data', () => {
    const a = classifyTool(def('sign_document', 'Sign a document for the envelope.', { id: str() }), mcp);
    expect(a.sideEffect).not.toBe('none');
  });

  it('generating a short-lived token is a read with credential-access; generating an API key issues one', () => {
    for (const name of ['generate_access_token', 'generate_id_token', 'generate_jwt']) {
      const a = classifyTool(def(name, '', { account: str() }), mcp);
      expect(a.sideEffect, name).toBe('none');
      expect(a.categories, name).toContain('credential-access');
    }
    const key = classifyTool(def('generate_api_key', '', { name: str() }), mcp);
    expect(key.sideEffect).not.toBe('none');
    expect(key.categories).toContain('credential-access');
  });
});

describe('GET lowers the lighter verbs', () => {
  it('a GET whose operationId carries a light write verb reads; a never-lowered verb still changes', () => {
    for (const id of ['ContainerArchive', 'ImageExport', 'getConfigUpdate']) {
      const a = classifyTool(def(id, '', { id: str() }), api('GET', '/things/{id}/archive', id));
      expect(a.sideEffect, id).toBe('none');
    }
    const del = classifyTool(def('DeleteThing', '', { id: str() }), api('GET', '/things/{id}/delete', 'DeleteThing'));
    expect(del.sideEffect).not.toBe('none');
  });

  it("a GET's operationId prefix before its read verb is a tag, not an action", () => {
    for (const id of ['notifyGetThreads', 'ExecInspect', 'sendGetStatus']) {
      const a = classifyTool(def(id, '', { id: str() }), api('GET', '/things/{id}', id));
      expect(a.sideEffect, id).toBe('none');
      expect(a.categories, id).not.toContain('external-communication');
      expect(a.categories, id).not.toContain('code-execution');
    }
    const post = classifyTool(
      def('notifyGetThreads', '', { id: str() }),
      api('POST', '/things/{id}', 'notifyGetThreads'),
    );
    expect(post.sideEffect).not.toBe('none');
  });
});

describe('an OAuth authorization code exchanged for tokens', () => {
  it('a tool taking an OAuth authorization code obtains tokens: a change with credential-access', () => {
    const named = classifyTool(
      def('connect_account', 'Connect the account. Step 2: call with the code from the callback URL.', {
        authorization_code: str('From the callback URL'),
      }),
      mcp,
    );
    expect(named.sideEffect).toBe('data-change');
    expect(named.categories).toContain('credential-access');
    const described = classifyTool(
      def('auth_callback', 'Handle the callback', { code: str('OAuth authorization code') }),
      mcp,
    );
    expect(described.categories).toContain('credential-access');
    expect(described.level).toBe('high');
  });

  it("a card issuer's authorization code is no OAuth code", () => {
    const a = classifyTool(
      def('capture_sale', 'Capture a sale.', { auth_code: str('6-character authorization code from the issuer') }),
      mcp,
    );
    expect(a.categories).not.toContain('credential-access');
  });
});

describe('returned fields by what they carry', () => {
  it("a returned Authorization header value is a credential; a caller's idempotency token is not", () => {
    const hook = classifyTool(
      { ...def('getHook', '', { id: str() }), outputSchema: obj({ id: str(), authorization_header: str() }) },
      api('GET', '/hooks/{id}', 'getHook'),
    );
    expect(hook.categories).toContain('credential-access');
    const cluster = classifyTool(
      { ...def('DescribeThing', '', { name: str() }), outputSchema: obj({ name: str(), clientRequestToken: str() }) },
      api('POST', '/#X-Amz-Target=Svc.DescribeThing', 'DescribeThing'),
    );
    expect(cluster.categories).not.toContain('credential-access');
    const session = classifyTool(
      { ...def('GetSession', '', { id: str() }), outputSchema: obj({ sessionToken: str() }) },
      api('GET', '/session', 'GetSession'),
    );
    expect(session.categories).toContain('credential-access');
  });
});
