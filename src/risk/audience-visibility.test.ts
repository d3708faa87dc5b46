/**
 * Audience visibility (audience-visibility.ts, ADR 0008, thirty-third round): a display state ("keyboard visibility")
 * or findability ("visibility into", "AI visibility") decides no one's access; an update's public, private or privacy
 * field decides who may see the thing, unless the tool creates it. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

const bool = (description = ''): { type: string; description: string } => ({ type: 'boolean', description });

describe('when visibility is an audience', () => {
  it('a display state or findability is no audience', () => {
    const results = [
      classifyTool(
        toolDef('toggle_toolbar', 'Set the editor toolbar visibility for the current tab.', { shown: bool() }),
        mcpSource,
      ),
      classifyTool(
        toolDef('tune_listing', 'Update a listing to improve its search visibility.', { listing: str(), copy: str() }),
        mcpSource,
      ),
      classifyTool(
        toolDef('update_dashboard', 'Update the dashboard for visibility into recent deploys.', { layout: str() }),
        mcpSource,
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('administrative');
  });

  it('an update that makes a thing public or private, or sets its privacy, decides who may see it', () => {
    const results = [
      classifyOperation('PATCH /albums/{id}', 'patchAlbum', 'Update an album.', { id: str(), isPublic: bool() }),
      classifyTool(
        toolDef('edit_board', 'Edit a board: title and privacy setting.', { board: str(), privacy_setting: str() }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('administrative');
      expect(a.level).toBe('high');
    }
  });

  it("creating a thing with its first audience is creating it; a thing's visibility set in prose still counts", () => {
    const created = classifyOperation('POST /albums', 'putAlbum', 'Create an album in this library.', {
      title: str(),
      isPublic: bool(),
    });
    expect(created.categories, created.reasons.join(' | ')).not.toContain('administrative');
    const shared = classifyTool(
      toolDef('update_space', "Update a space's visibility to the workspace members.", { space: str() }),
      mcpSource,
    );
    expect(shared.categories, shared.reasons.join(' | ')).toContain('administrative');
  });
});
