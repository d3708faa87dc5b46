/**
 * Local file overwrites (file-overwrites.ts, ADR 0008): writing or editing a local file in place with new content
 * destroys its old content when nothing keeps history. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { arr, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

const flag = (description: string) => ({ type: 'boolean', description });

describe('a local file written or edited in place is destructive', () => {
  it('writes and edits of a file by path, with the new content: high, a data change, destructive', () => {
    const cases = [
      toolDef('disk_write_file', 'Puts text into a file.', { path: str(), content: str() }),
      toolDef('fsWriteFile', 'Store the given data under the path.', {
        filePath: str(),
        contents: str(),
        append: flag('Append instead'),
      }),
      toolDef('quick_edit', 'Change a snippet.', {
        path: str('Path of the file to change'),
        old_text: str(),
        new_text: str(),
      }),
      toolDef('edit_lines', 'Apply several line edits at once.', {
        file: str('The file'),
        edits: arr(obj({ from: str(), to: str() })),
      }),
    ];
    for (const def of cases) {
      const a = classifyTool(def, mcpSource);
      expect(a.categories, def.name).toContain('destructive');
      expect(a.sideEffect, def.name).toBe('data-change');
      expect(a.level, def.name).toBe('high');
      expect(a.reasons.join(' '), def.name).toMatch(/overwrites it in place, no history/);
    }
  });

  it('not when history is kept, the file is a remote record, the tool only creates, or the object is no file', () => {
    const cases = [
      // A Git-backed file: the commit keeps the old content.
      toolDef('write_file', 'Write a file to the repository.', {
        path: str(),
        content: str(),
        commit_message: str(),
        branch: str(),
      }),
      toolDef('edit_file', 'Edit a file; each save is a new revision.', { path: str(), content: str() }),
      // A remote document named by an id, not a local path.
      toolDef('write_file', 'Write a document.', { fileId: str(), content: str() }),
      // Creating only.
      toolDef('write_file', 'Create a file. Fails if the file already exists.', { path: str(), content: str() }),
      // Another object: a new PDF.
      toolDef('write_report', 'Render a report as PDF.', { path: str('Where the file goes'), content: str() }),
      // No new content: a read of a file.
      toolDef('edit_file_info', 'Show what editing a file would change.', { path: str() }),
    ];
    for (const def of cases) {
      const a = classifyTool(def, mcpSource);
      expect(a.reasons.join(' '), def.name + ' ' + def.description).not.toMatch(/overwrites it in place/);
    }
  });
});
