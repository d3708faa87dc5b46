/**
 * Selecting in a user interface (ui-selection.ts, ADR 0008): choosing a dropdown's option or switching a browser tab
 * changes the page's state; selecting data stays a read. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe("select: a page's state changed, or data read", () => {
  it('an option, a tab, a frame: a change', () => {
    const cases = [
      toolDef('web_select', 'Choose the value of a dropdown on the current page.', { selector: str(), value: str() }),
      toolDef('select_tab', 'Bring a browser tab to the front.', { index: { type: 'number' } }),
      toolDef('frame_select', 'Focus an iframe by its name.', { name: str() }),
    ];
    for (const def of cases) {
      const a = classifyTool(def, mcpSource);
      expect(a.sideEffect, def.name).toBe('data-change');
      expect(a.reasons.join(' '), def.name).toMatch(/a browser interaction changes the page's state/);
    }
  });

  it('selecting rows or columns of data stays a read', () => {
    const a = classifyTool(
      toolDef('select_rows', 'Select rows of a table that match a filter.', { table: str() }),
      mcpSource,
    );
    expect(a.sideEffect).toBe('none');
  });
});
