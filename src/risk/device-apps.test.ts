/**
 * An app on a device, simulator or emulator is software on that device, not infrastructure; launching it runs the
 * program (device-apps.ts, seventeenth round). Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { mcpSource as mcp, str, toolDef as def } from './test-support/schema-builders.js';

describe('an app on a device', () => {
  it('installing, stopping or uninstalling one changes the device, not infrastructure: medium', () => {
    for (const t of [
      def('install_app', 'Install an .app bundle on a booted iOS simulator.', { udid: str(), path: str() }),
      def('emulator_stop_app', 'Stop the app running on an Android emulator.', { packageName: str() }),
      def('uninstall_app', 'Remove an app from a connected iPhone.', { bundleId: str() }),
    ]) {
      const a = classifyTool(t, mcp);
      expect(a.sideEffect, t.name).not.toBe('none');
      expect(a.categories, t.name).not.toContain('infrastructure');
      expect(
        a.reasons.some((r) => r.includes('is software on that device')),
        t.name,
      ).toBe(true);
    }
  });

  it('launching one runs the program: code-execution, high', () => {
    for (const t of [
      def('launch_app', 'Launch an installed app on the iOS simulator.', { bundleId: str() }),
      def('start_application', 'Start the application on an Android device.', { packageName: str() }),
    ]) {
      const a = classifyTool(t, mcp);
      expect(a.categories, t.name).toContain('code-execution');
      expect(a.categories, t.name).not.toContain('infrastructure');
      expect(a.level, t.name).toBe('high');
    }
  });

  it('a hosted app, or a device app next to other compute, stays infrastructure', () => {
    for (const t of [
      def('restart_app', 'Restart the dynos of a hosted app.', { app: str() }),
      def('scale_app', 'Scale an app to more instances.', { app: str(), count: str() }),
      def('stop_app', 'Stop the app and its build server on the device farm.', { app: str() }),
    ])
      expect(classifyTool(t, mcp).categories, t.name).toContain('infrastructure');
  });
});
