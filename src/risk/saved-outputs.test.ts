/**
 * Saved outputs (saved-outputs.ts, ADR 0008, thirty-second round): a tool that says it saves what it makes into a
 * directory, folder or library, or a generator handed the caller's project root, leaves a file behind: a change,
 * whatever read verb leads its name. Temporary files, negated saves and generators without a project stay reads.
 * Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { projectGeneratorReason, savedOutputReason } from './saved-outputs.js';
import { mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('files a tool saves where they are kept', () => {
  it('a read-named tool whose description saves its result into a directory or library is a change', () => {
    const results = [
      classifyTool(
        toolDef('export_playlist_m3u', 'Exports a playlist as M3U and saves it to the configured music folder.', {
          playlistId: str('The playlist to export.'),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('get_palette', 'Extract the palette of a sprite and auto-save it to the shared asset library.', {
          sprite: str('Sprite id'),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('get_lint_rules', 'Returns the lint rules. Give the rootPath of the workspace to save rule files.', {
          rootPath: str('Workspace root'),
        }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.level).toBe('medium');
    }
  });

  it('what the tool read is not what changed: its nouns raise no category of a change', () => {
    const a = classifyTool(
      toolDef('export_route_gpx', 'Exports a cycling route as GPX and saves it to a local directory.', {
        routeId: str('The route to export.'),
      }),
      mcpSource,
    );
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
    expect(a.categories).toEqual([]);
    expect(a.level).toBe('medium');
  });

  it('a generator handed the project root writes into the project', () => {
    const results = [
      classifyTool(
        toolDef('docs_generate_api_reference', 'Generate an API reference for the service.', {
          projectPath: str('Absolute path of the project'),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('generate_changelog', 'Generate a changelog.', { repo: str('The root directory of the project') }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.level).toBe('medium');
    }
  });

  it('temporary files, negated saves and generators without a project stay reads', () => {
    const results = [
      classifyTool(
        toolDef('get_ledger_entry', 'Returns a summary, with the full entry saved to a temp folder.', { id: str() }),
        mcpSource,
      ),
      classifyTool(
        toolDef('export_board', 'Returns the board as JSON instead of saving it to a local directory.', { id: str() }),
        mcpSource,
      ),
      classifyTool(
        toolDef('generate_bar_chart', 'Generate a bar chart.', { data: str('Values'), title: str('Chart title') }),
        mcpSource,
      ),
    ];
    for (const a of results) expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
  });

  it('reasons name the wording or the project field', () => {
    expect(savedOutputReason('Renders the page and saves the image into the output directory.')).toContain(
      'saves the image into the output directory',
    );
    expect(savedOutputReason('Saves nothing.')).toBeUndefined();
    expect(
      projectGeneratorReason('generate', [
        {
          name: 'workspaceRoot',
          words: ['workspace', 'root'],
          joined: 'workspaceroot',
          enumValues: [],
          description: '',
          depth: 0,
        },
      ]),
    ).toContain("'workspaceRoot'");
    expect(projectGeneratorReason('list', [])).toBeUndefined();
  });
});
