/**
 * admin-nouns.ts on invented tools: administrative means who can do or see what — not a policy that governs behaviour,
 * not the admin flavour of an API; a role assumed for temporary credentials is a read. Found on dev part ten (held-out 9).
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, mcpSource as mcp, str, toolDef as def } from './test-support/schema-builders.js';

describe('administrative means who can do or see what', () => {
  it('a policy for scaling, retention or lifecycle governs behaviour, not access', () => {
    for (const name of ['create_autoscaling_policy', 'update_retention_policy', 'put_lifecycle_policy'])
      expect(classifyTool(def(name, 'Sets it.', { name: str() }), mcp).categories, name).not.toContain(
        'administrative',
      );
    for (const name of ['create_access_policy', 'update_policy', 'set_policy'])
      expect(classifyTool(def(name, 'Sets it.', { name: str() }), mcp).categories, name).toContain('administrative');
  });

  it("an admin API flavour names the caller's privilege; what it acts on still counts", () => {
    const device = classifyTool(
      def('AdminForgetWidget', 'Forgets the widget, as an administrator.', { Widget: str() }),
      api('POST', '/#X-Amz-Target=AdminForgetWidget', 'AdminForgetWidget'),
    );
    expect(device.categories).not.toContain('administrative');
    const role = classifyTool(
      def('AdminAddUserToGroup', 'Adds a user to a group, as an administrator.', { Group: str(), User: str() }),
      api('POST', '/#X-Amz-Target=AdminAddUserToGroup', 'AdminAddUserToGroup'),
    );
    expect(role.categories).toContain('administrative');
    // "admin" as the object is still administrative.
    expect(classifyTool(def('add_admin', 'Adds one.', { user: str() }), mcp).categories).toContain('administrative');
  });

  it('assuming a role returns temporary credentials: a read with credential-access, no administration', () => {
    const a = classifyTool(
      def('AssumeRoleWithToken', 'Returns temporary security credentials for the role.', { RoleArn: str() }),
      api('POST', '/#Action=AssumeRoleWithToken', 'AssumeRoleWithToken'),
    );
    expect(a.sideEffect).toBe('none');
    expect(a.categories).toEqual(['credential-access']);
  });
});

describe('an /admin/ route namespace (thirteenth round, dev parts fifteen and eighteen)', () => {
  it('"/admin/…" or an Admin tag before a badge, a backup or a config property is no access change', () => {
    const cases: Array<[string, string, string]> = [
      ['PUT', '/admin/badges/{id}', 'updateBadge'],
      ['POST', '/admin/backups', 'createBackup'],
      ['PUT', '/admin/config/properties/{name}', 'updateConfigProperty'],
    ];
    for (const [method, path, id] of cases)
      expect(classifyTool(def(id, 'Updates it.', { id: str() }), api(method, path, id)).categories, id).not.toContain(
        'administrative',
      );
    const tagged = classifyTool(def('refreshAvatar', 'Refreshes it.', { id: str() }), {
      kind: 'openapi',
      backend: 't',
      method: 'POST',
      path: '/avatars/{id}/refresh',
      operationId: 'refreshAvatar',
      tags: ['Admin'],
    });
    expect(tagged.categories).not.toContain('administrative');
  });

  it('moderating accounts or users under /admin/ still decides who may do what; a path ending in admin grants it', () => {
    const moderate = classifyTool(
      def('unsilenceAccount', 'Unsilence an account.', { id: str() }),
      api('POST', '/admin/accounts/{id}/unsilence', 'unsilenceAccount'),
    );
    expect(moderate.categories).toContain('administrative');
    const grant = classifyTool(
      def('grantAdmin', 'Grants it.', { id: str() }),
      api('PUT', '/users/{id}/admin', 'grantAdmin'),
    );
    expect(grant.categories).toContain('administrative');
  });
});
