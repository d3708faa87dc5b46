import { describe, expect, it } from 'vitest';
import { createOperationFilter } from './filters.js';
import { assignToolNames, TOOL_NAME_RE } from './tool-naming.js';

describe('assignToolNames', () => {
  it('uses operationIds, sanitised and prefixed', () => {
    expect(assignToolNames([{ method: 'GET', path: '/repos/{owner}', operationId: 'repos/get' }], 'gh')).toEqual([
      'gh_repos_get',
    ]);
  });

  it('names from method + path when the operationId is missing or shared', () => {
    const names = assignToolNames(
      [
        { method: 'GET', path: '/accounts/{stake_address}' },
        { method: 'GET', path: '/a', operationId: 'dup' },
        { method: 'POST', path: '/a', operationId: 'dup' },
      ],
      'bf',
    );
    expect(names).toEqual(['bf_get_accounts_stake_address', 'bf_get_a', 'bf_post_a']);
  });

  it('keeps names unique, valid and within 64 characters, independent of order', () => {
    const ops = [
      { method: 'GET', path: '/a-b' },
      { method: 'GET', path: '/a_b' },
      { method: 'GET', path: `/${'very-long-segment/'.repeat(8)}end` },
    ];
    const names = assignToolNames(ops, 'svc');
    for (const n of names) expect(n).toMatch(TOOL_NAME_RE);
    expect(new Set(names).size).toBe(3);
    expect(assignToolNames([...ops].reverse(), 'svc')).toEqual([...names].reverse());
  });
});

describe('createOperationFilter', () => {
  const subject = (method: string, path: string, operationId: string, tags: string[]) => ({
    method,
    path,
    operationId,
    tags,
    name: `x_${operationId}`,
  });
  const ops = [
    subject('GET', '/v1/invoices', 'listInvoices', ['invoices']),
    subject('DELETE', '/v1/invoices/{id}', 'deleteInvoice', ['invoices']),
    subject('GET', '/admin/users', 'listAdmins', ['admin']),
  ];
  const pick = (inc: string[], exc: string[] = []) =>
    ops.filter(createOperationFilter(inc, exc)).map((o) => o.operationId);

  it.each([
    [[], [], ['listInvoices', 'deleteInvoice', 'listAdmins']],
    [['tag:invoices'], [], ['listInvoices', 'deleteInvoice']],
    [['method:get'], [], ['listInvoices', 'listAdmins']],
    [['/v1/**'], ['DELETE /v1/**'], ['listInvoices']],
    [['path:/admin/*'], [], ['listAdmins']],
    [['op:list*'], [], ['listInvoices', 'listAdmins']],
    [['list*'], ['admin'], ['listInvoices']],
    [['name:x_delete*'], [], ['deleteInvoice']],
  ])('include %j exclude %j', (inc, exc, expected) => {
    expect(pick(inc, exc)).toEqual(expected);
  });

  it('an exclude is a deny: it drops every case and compatibility form; an include stays as written', () => {
    const look = [
      subject('DELETE', '/v1/users/{id}', 'DeleteUser', ['Users']),
      subject('DELETE', '/V1/Users/{id}/keys', 'deleteUserKeys', ['users']),
      subject('POST', '/v1/people', 'ｄeleteUser', ['users']),
      subject('GET', '/v1/people', 'DELETEUSER', ['users']),
      subject('GET', '/me', 'getMe', ['users']),
    ];
    const kept = (inc: string[], exc: string[]) =>
      look.filter(createOperationFilter(inc, exc)).map((o) => o.operationId);
    for (const exc of [['deleteUser'], ['op:deleteUser'], ['operationId:deleteuser'], ['name:x_deleteUser']])
      expect(kept([], exc), exc[0]).toEqual(['deleteUserKeys', 'getMe']);
    expect(kept([], ['DELETE /v1/users/**'])).toEqual(['ｄeleteUser', 'DELETEUSER', 'getMe']);
    expect(kept([], ['path:/v1/users/**'])).toEqual(['ｄeleteUser', 'DELETEUSER', 'getMe']);
    expect(kept([], ['delete*'])).toEqual(['getMe']);
    // An include grants: it does not widen to other spellings.
    expect(kept(['op:deleteUser'], [])).toEqual([]);
    expect(kept(['op:getMe'], [])).toEqual(['getMe']);
  });
});
