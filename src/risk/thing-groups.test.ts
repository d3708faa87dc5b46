/**
 * Groups of things (admin-nouns.ts, twenty-ninth round; docs/risk.md, administrative): a group named after what it
 * groups (container groups, VLAN groups, crash groups, a group of servers) collects those things and decides no one's
 * access; a bare group, a user group or a member group still does. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('a group of things is not administrative', () => {
  it('container, subnet, crash and host groups collect things', () => {
    const results = [
      classifyOperation('PATCH /subnet-groups/{id}', 'SubnetGroups_Update', 'Updates a subnet group.', {
        id: str(),
        label: str(),
      }),
      classifyOperation('POST /apps/{app}/error_groups/{id}', 'errorGroups_update', 'Updates an error group.', {
        app: str(),
        id: str(),
        status: str(),
      }),
      classifyTool(toolDef('create_host_group', 'Create a group of hosts for batch jobs.', { name: str() }), mcpSource),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('administrative');
    expect(results[1]?.level).toBe('medium');
  });

  it('a bare group, a user group or a member group stays access control', () => {
    const results = [
      classifyOperation('POST /groups', 'createGroup', 'Creates a group.', { name: str() }),
      classifyTool(toolDef('create_user_group', 'Create a user group.', { name: str() }), mcpSource),
      classifyOperation('PUT /member-groups/{id}', 'MemberGroups_Update', 'Updates a member group.', { id: str() }),
      classifyOperation('POST /GroupV3/{id}/Edit', 'GroupV3.EditGroup', 'Edit an existing group.', { id: str() }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('administrative');
  });
});
