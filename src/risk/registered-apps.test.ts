/**
 * Registered apps (registered-apps.ts, ADR 0008): an app that is a registration, a listing or an integration is no
 * infrastructure; a hosted app (dynos, instances, deploys, a region) still is. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('an app is infrastructure only where it runs', () => {
  it('creating, changing or deleting a registered or listed app provisions nothing', () => {
    const results = [
      classifyTool(toolDef('delete_app', 'Delete an app from the developer console.', { appId: str() }), mcpSource),
      classifyTool(
        toolDef('create_application', 'Create an application listing in the marketplace.', {
          title: str(),
          price: str(),
        }),
        mcpSource,
      ),
      classifyOperation('DELETE /v2/apps/{appId}', 'removeApp', 'Removes an app.', { appId: str() }),
      classifyOperation('PATCH /apps/{id}', 'patchApp', 'Updates an app.', { id: str(), name: str() }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('infrastructure');
      expect(a.reasons.join(' ')).toMatch(/not compute/);
    }
  });

  it('a hosted app (processes, dynos, a deploy, a region, or a lifecycle verb) stays infrastructure', () => {
    const results = [
      classifyTool(toolDef('update_app', "Update an app's dyno formation.", { app: str() }), mcpSource),
      classifyTool(
        toolDef('create_app', 'Create an app.', { name: str(), region: str(), buildpack: str() }),
        mcpSource,
      ),
      classifyOperation('POST /apps/{id}/restart', 'restartApp', 'Restarts an app.', { id: str() }),
      classifyOperation('DELETE /apps/{id}', 'deleteApp', 'Deletes an app and its running instances.', { id: str() }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('infrastructure');
  });
});
