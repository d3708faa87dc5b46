/**
 * Administrative evidence from access-control vocabulary on invented tools (ninth round, found on dev part eleven):
 * OAuth scopes, restrictions and allow/deny lists as nouns, a resource-based policy heading the object phrase, and
 * access-list, restriction and visibility fields of an update; and links-removed.ts: removing a membership or a
 * resource's tags takes a link or metadata off, it destroys nothing.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, arr, mcpSource as mcp, obj, str, toolDef as def } from './test-support/schema-builders.js';

const admin = 'administrative';

describe('access-control vocabulary', () => {
  it('scopes, restrictions and allow or deny lists are administrative nouns of a change', () => {
    for (const name of [
      'delete_client_scope',
      'update_branch_restriction',
      'add_to_allowlist',
      'remove_blocklist_entry',
    ])
      expect(classifyTool(def(name, 'Does it.', { id: str() }), mcp).categories, name).toContain(admin);
    expect(classifyTool(def('list_scopes', 'Lists them.', {}), mcp).categories).not.toContain(admin);
  });

  it('a policy heading the object phrase is an access policy; a scheduling policy governs behaviour', () => {
    for (const name of ['SetRepositoryPolicy', 'DeleteBucketPolicy'])
      expect(classifyTool(def(name, 'Does it.', { name: str() }), mcp).categories, name).toContain(admin);
    expect(classifyTool(def('CreateSchedulingPolicy', 'Does it.', { name: str() }), mcp).categories).not.toContain(
      admin,
    );
  });

  it("an update's access list, restrictions or visibility decide who may use a thing; a create's do not", () => {
    const acl = classifyTool(
      def('datasets.patch', 'Updates a dataset.', { access: arr(obj({ role: str(), userByEmail: str() })) }),
      api('PATCH', '/projects/{p}/datasets/{d}', 'datasets.patch'),
    );
    expect(acl.categories).toContain(admin);
    const restricted = classifyTool(def('update_key', 'Updates a key.', { restrictions: obj({}) }), mcp);
    expect(restricted.categories).toContain(admin);
    const hidden = classifyTool(def('update_tables', 'Updates tables.', { visibility_type: str() }), mcp);
    expect(hidden.categories).toContain(admin);
    const created = classifyTool(def('create_repository', 'Creates one.', { name: str(), visibility: str() }), mcp);
    expect(created.categories).not.toContain(admin);
    // A chat message's role is no access grant.
    const chat = classifyTool(
      def('update_thread', 'Updates it.', { messages: arr(obj({ role: str(), content: str() })) }),
      mcp,
    );
    expect(chat.categories).not.toContain(admin);
  });
});

describe('removals that take a link off', () => {
  it('removing a member or a permission-list entry changes access and destroys nothing; deleting a user does', () => {
    for (const name of ['remove_org_member', 'team_members_delete', 'removeProjectCollaborator']) {
      const a = classifyTool(def(name, 'Removes it.', { id: str() }), mcp);
      expect(a.categories, name).toContain(admin);
      expect(a.categories, name).not.toContain('destructive');
      expect(a.sideEffect, name).not.toBe('none');
    }
    const entry = classifyTool(
      def('DELETE /repos/{r}/permissions/users/{u}', '', { u: str() }),
      api('DELETE', '/repos/{r}/permissions/users/{u}', ''),
    );
    expect(entry.categories).not.toContain('destructive');
    expect(classifyTool(def('delete_user', 'Deletes a user.', { id: str() }), mcp).categories).toContain('destructive');
  });

  it("removing a resource's tags is a plain change; deleting a label definition destroys it", () => {
    const tags = classifyTool(
      def('DeleteTags', 'Removes tags from a resource.', { arn: str(), tagKeys: arr(str()) }),
      api('DELETE', '/v1/tags/{arn}', 'DeleteTags'),
    );
    expect(tags.sideEffect).toBe('data-change');
    expect(tags.categories).not.toContain('destructive');
    const label = classifyTool(def('delete_label', 'Deletes a label.', { id: str() }), mcp);
    expect(label.categories).toContain('destructive');
  });
});
