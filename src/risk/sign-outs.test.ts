/**
 * Sign-outs (sign-outs.ts, ADR 0008): logging or signing out ends a session, whose token stops working:
 * credential-access, high. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('signing out ends a credential', () => {
  it('a logout or a global sign-out, by name or by description: credential-access, high, a change', () => {
    const results = [
      classifyOperation('POST /session/logout', 'logout', 'Ends the session.', {}),
      classifyOperation('POST /admin/users/{id}/sign-out', 'adminSignOutEverywhere', 'Signs a user out everywhere.', {
        id: str(),
      }),
      classifyTool(toolDef('portal_log_out', 'Log out of the portal.', {}), mcpSource),
      classifyOperation('DELETE /auth', 'endAuth', 'Logs out the caller by deleting its token.', {}),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
      expect(a.level).toBe('high');
      expect(a.sideEffect).not.toBe('none');
    }
  });

  it('not a read about logouts, a log that has nothing to do with signing out, or a sign-off (an approval)', () => {
    const results = [
      classifyOperation('GET /audit/logouts', 'listLogoutEvents', 'Lists past logout events.', {}),
      classifyTool(toolDef('get_output_log', 'Read the output log of a job.', { job: str() }), mcpSource),
      classifyTool(toolDef('signoff_timesheet', 'Sign off a timesheet for payroll.', { id: str() }), mcpSource),
      classifyOperation('POST /releases/{id}/sign-off', 'releaseSignOff', 'Signs off the release.', { id: str() }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('credential-access');
  });
});
