/**
 * The seventeenth round's precision class: updating a user's, organization's or team's profile (SCIM 2.0 / OpenID
 * Connect profile attributes, metadata) changes no one's access, so it is not administrative; an update that also sets
 * a role, a status, a list of groups or open content still is. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { arr, classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

const num = (): JsonObject => ({ type: 'number' });
const open = (description = ''): JsonObject => ({ type: 'object', additionalProperties: {}, description });

describe('updating a profile is not administrative', () => {
  it("an MCP tool updating a member's display name, avatar, bio and locale is a medium change", () => {
    const a = classifyTool(
      toolDef('update_member', "Updates a member's profile.", {
        memberId: str(),
        displayName: str(),
        avatarUrl: str(),
        bio: str(),
        locale: str(),
      }),
      mcpSource,
    );
    expect(a.sideEffect).toBe('data-change');
    expect(a.categories).not.toContain('administrative');
    expect(a.level).toBe('medium');
    expect(a.reasons.some((r) => r.includes('profile attributes only'))).toBe(true);
  });

  it("an OpenAPI PATCH of an organization's name, logo, website and address (with its state) is not", () => {
    const a = classifyOperation('PATCH /orgs/{orgId}', 'patchOrg', 'Edit organisation', {
      orgId: str(),
      name: str(),
      logo: str(),
      website: str(),
      address: obj({ street: str(), city: str(), state: str(), geo: obj({ coordinates: arr(num()) }) }),
    });
    expect(a.categories).not.toContain('administrative');
    expect(a.level).toBe('medium');
  });

  it("a user's free-form metadata and a team's body named after it are profile content", () => {
    const meta = classifyTool(
      toolDef('setUserMetadata', 'Replaces the metadata of a user.', { userId: str(), publicMetadata: open() }),
      mcpSource,
    );
    expect(meta.categories).not.toContain('administrative');
    const team = classifyOperation('PUT /teams/{id}', 'updateTeam', '', {
      id: str(),
      team: obj({ name: str(), description: str() }),
    });
    expect(team.categories).not.toContain('administrative');
    // A cap on how many may join is a quantity, not a grant.
    const capped = classifyTool(
      toolDef('update_organization', '', { organizationId: str(), name: str(), maxAllowedMemberships: num() }),
      mcpSource,
    );
    expect(capped.categories).not.toContain('administrative');
  });
});

describe('an update that touches access stays administrative', () => {
  const keeps = (name: string, props: JsonObject, description = ''): void => {
    const a = classifyTool(toolDef(name, description, props), mcpSource);
    expect(a.categories, name).toContain('administrative');
    expect(a.level, name).toBe('high');
  };

  it('a role, a status or an admin flag among profile fields (SCIM access attributes, account state)', () => {
    keeps('update_user', { userId: str(), displayName: str(), role: str() });
    keeps('update_user', { userId: str(), nickname: str(), status: { type: 'string', enum: ['active', 'suspended'] } });
    keeps('update_user', { userId: str(), name: str(), isAdmin: { type: 'boolean' } });
    keeps('update_user', { userId: str(), name: str(), kind: { type: 'string', enum: ['owner', 'viewer'] } });
    keeps('update_user', { userId: str(), name: str(), level: str('Determines the permissions of the user') });
  });

  it('a list of groups, teams or projects assigns the user to them; open content may carry anything', () => {
    keeps('update_user', { userId: str(), displayName: str(), groups: arr(str()) });
    keeps('update_account', {
      accountId: str(),
      email: str(),
      projects: arr(obj({ id: str(), write: { type: 'boolean' } })),
    });
    keeps('update_user', { userId: str(), name: str(), settings: open() });
  });

  it('the name or the opening says the change is to access, or nothing is declared (fail closed)', () => {
    keeps('disable_user', { username: str() });
    keeps('update_user', { userId: str(), displayName: str() }, "Bans a user and changes the user's display name.");
    keeps('update_user', {});
  });

  it('creating a user is not an update: the new account gets access', () => {
    const a = classifyTool(toolDef('create_user', 'Creates a user.', { email: str(), name: str() }), mcpSource);
    expect(a.categories).toContain('administrative');
  });
});
