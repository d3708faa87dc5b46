/**
 * Opening a simulator, an emulator or developer tools starts a program on the machine, and opening a deep link
 * navigates a device: a change, not a read (lexicon.ts openChanges, thirtieth round). The simulator's own application
 * is no app on a device (device-apps.ts), and "for visibility" states a purpose, not who can see something
 * (prose-nouns.ts). Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('programs opened', () => {
  it('a simulator, an emulator, developer tools or a deep link opened: a change, medium', () => {
    for (const t of [
      toolDef('open_emulator', 'Open the Android emulator window so the user can follow along.', { avd: str() }),
      toolDef('openDevtools', 'Open the browser devtools panel.', {}),
      toolDef('open_deeplink_on_phone', 'Open a deep link in the connected phone.', { url: str() }),
      toolDef('open_simulator_window', 'Opens the Simulator app for visibility while tests run.', {}),
    ]) {
      const a = classifyTool(t, mcpSource);
      expect(a.sideEffect, `${t.name}: ${a.reasons.join(' | ')}`).toBe('data-change');
      expect(a.categories, `${t.name}: ${a.reasons.join(' | ')}`).toEqual([]);
      expect(a.level, t.name).toBe('medium');
    }
  });

  it('an app on the simulator opened still runs that app; "visibility" as a setting still changes who sees it', () => {
    const app = classifyTool(
      toolDef('open_app', 'Opens the installed application on the iOS simulator.', { bundleId: str() }),
      mcpSource,
    );
    expect(app.categories, app.reasons.join(' | ')).toContain('code-execution');
    const visibility = classifyTool(
      toolDef('update_board', 'Update the board visibility and its name.', { boardId: str(), name: str() }),
      mcpSource,
    );
    expect(visibility.categories, visibility.reasons.join(' | ')).toContain('administrative');
  });

  it('opening a note or a mailbox stays a read', () => {
    for (const t of [
      toolDef('open_note', 'Open a note by its title and return its text.', { title: str() }),
      toolDef('open_folder', 'Open a mail folder and return its message count.', { folder: str() }),
    ])
      expect(classifyTool(t, mcpSource).sideEffect, t.name).toBe('none');
  });
});
