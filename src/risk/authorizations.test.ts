/**
 * Authorizations (authorizations.ts, ADR 0008, thirty-third round): a payment authorization holds an amount on a card
 * or account (financial, no role given); authorizing an OAuth client issues it a credential, no role; an authorization
 * kept as a resource is no administrative noun. Authorizing a person and deciding an authorization request still
 * decide who may act. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('what an authorization is', () => {
  it('authorizing a payment holds money: financial, not administrative', () => {
    const results = [
      classifyOperation(
        'POST /charges/{id}/authorize',
        'authorizeCharge',
        'Authorize a card payment for capture later.',
        {
          id: str(),
        },
      ),
      classifyTool(
        toolDef('preauthorize_stay', 'Pre-authorize an amount on the guest credit card before check-in.', {
          stay_id: str(),
        }),
        mcpSource,
      ),
      classifyOperation(
        'POST /authorisations/{ref}/adjust',
        'adjustAuthorisation',
        'Change the held amount of an authorisation.',
        {
          ref: str(),
        },
      ),
    ];
    for (const a of results) {
      const why = a.reasons.join(' | ');
      expect(a.categories, why).toContain('financial');
      expect(a.categories, why).not.toContain('administrative');
      expect(a.level).toBe('high');
    }
  });

  it('authorizing an OAuth client or keeping an authorization gives no one a role', () => {
    const results = [
      classifyOperation(
        'POST /oauth/authorize-app',
        'authorizeApp',
        'Authorize an OAuth client for its redirect URI.',
        {
          app: str(),
        },
      ),
      classifyOperation('DELETE /authorizations/{id}', 'removeAuthorization', 'Remove an authorization.', {
        id: str(),
      }),
      classifyOperation('PUT /authorization-kinds/{id}', 'renameAuthorizationKind', 'Rename an authorization kind.', {
        id: str(),
        title: str(),
      }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('administrative');
  });

  it('authorizing a person, or deciding an authorization request, still decides who may act', () => {
    const results = [
      classifyTool(
        toolDef('authorize_collaborator', 'Authorize a collaborator to edit the project.', { login: str() }),
        mcpSource,
      ),
      classifyTool(
        toolDef('deny_login_request', 'Deny a pending device authorization request.', { request_id: str() }),
        mcpSource,
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('administrative');
  });

  it('an Authorization header named in a payment API holds nothing', () => {
    const a = classifyOperation(
      'PUT /cards/{id}/nickname',
      'renameCard',
      'Rename a saved card. Send the Authorization token in the header.',
      { id: str(), nickname: str() },
    );
    expect(a.categories, a.reasons.join(' | ')).not.toContain('financial');
  });
});
