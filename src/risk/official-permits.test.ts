/**
 * An authority's permit (a planning permission, a driving licence) is no access right (official-permits.ts); a POST
 * whose generated operationId only repeats the method names no action (http-action.ts). Invented tools.
 */
import { describe, expect, it } from 'vitest';
import type { ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { api, classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

const tagged = (source: ToolSource, tags: string[]): ToolSource =>
  source.kind === 'openapi' ? { ...source, tags } : source;

describe('official permits', () => {
  it('filing or recording planning and fishing permissions changes no one’s access', () => {
    const planning = classifyTool(
      toolDef('POST /applications', 'Submits a planning application for a site.', { site: str() }),
      tagged(api('POST', '/applications', 'submitApplication'), ['Borough Planning Permission Register']),
    );
    const fishing = classifyOperation(
      'POST /fishing-permissions',
      'createFishingPermission',
      'Records a fishing permission granted to a club member for a season.',
      { member: str(), season: str() },
    );
    const decision = classifyTool(
      toolDef('register_planning_permission', 'Registers a planning permission decision for a site.', {
        site: str(),
      }),
      mcpSource,
    );
    for (const a of [planning, fishing, decision]) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.categories, a.reasons.join(' | ')).not.toContain('administrative');
      expect(a.level, a.reasons.join(' | ')).toBe('medium');
      expect(a.reasons.join(' | ')).toContain("an authority's permit, not an access right");
    }
  });

  it('permissions and licences in the software sense stay administrative', () => {
    const role = classifyOperation(
      'PUT /roles/{id}/permissions',
      'updateRolePermissions',
      'Replaces the permissions of a role.',
      { id: str(), permissions: { type: 'array', items: str() } },
    );
    const seat = classifyOperation(
      'POST /users/{id}/license',
      'assignLicense',
      'Assigns a product license to a user.',
      { id: str(), sku: str() },
    );
    // "building permission-aware UIs": the verb "build" before a compound, not a building permit.
    const aware = classifyTool(
      toolDef('POST /permissions:test', 'For building permission-aware UIs: grants the listed permissions.', {
        permissions: { type: 'array', items: str() },
      }),
      api('POST', '/permissions:test', 'grantPermissions'),
    );
    for (const a of [role, seat, aware]) expect(a.categories, a.reasons.join(' | ')).toContain('administrative');
  });
});

describe('a POST whose operationId only repeats its method', () => {
  const route = (name: string, description: string, props = {}) =>
    classifyTool(toolDef(name, description, props), api('POST', `/${name.split('/')[1] ?? ''}`, name));

  it('reads when its description leads with a read verb', () => {
    const a = route('post_permits_single_/permits_single', 'Retrieve the permits filed for a postcode.', {
      postcode: str(),
    });
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
  });

  it('still changes when another verb, or a switch that keeps data, says so', () => {
    const created = route('post_create_alert_/alerts', 'Retrieve matching records and alert on them.', {
      query: str(),
    });
    const kept = route('post_forecast_/forecast', 'Calculate a forecast for the series.', {
      series: str(),
      override: { type: 'boolean', description: 'Replace the stored series' },
    });
    for (const a of [created, kept]) expect(a.sideEffect, a.reasons.join(' | ')).not.toBe('none');
  });
});
