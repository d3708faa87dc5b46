/** A tool that answers with the path of the file it wrote changed the file system (invented tools). */
import { describe, expect, it } from 'vitest';
import type { ToolDefinition } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { mcpSource, obj, str } from './test-support/schema-builders.js';
import { writtenFileField } from './written-files.js';

const tool = (outputSchema?: ToolDefinition['outputSchema']): ToolDefinition => ({
  name: 'sheet_to_csv',
  description: 'Convert a spreadsheet file to CSV.',
  inputSchema: obj({ path: str('Path to the input spreadsheet.') }),
  ...(outputSchema ? { outputSchema } : {}),
});

describe('written files', () => {
  it('an "output_path" in the answer makes a conversion a change', () => {
    expect(classifyTool(tool(), mcpSource).sideEffect).toBe('none');
    const a = classifyTool(tool(obj({ output_path: str(), output_size: str() })), mcpSource);
    expect(a.sideEffect).toBe('data-change');
    expect(a.reasons.join(' ')).toMatch(/output_path/);
  });

  it('names only a written file: "path" or "file_url" alone, or "output_format", are no such field', () => {
    expect(writtenFileField(obj({ savedFile: str() }))).toBe('savedFile');
    expect(writtenFileField(obj({ path: str(), file_url: str(), output_format: str() }))).toBeUndefined();
    expect(writtenFileField(undefined)).toBeUndefined();
  });
});
