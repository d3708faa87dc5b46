import { GatewayError } from '../../core/errors.js';
import type { AgentPermissions } from '../../policy/permissions.js';
import type { Stage } from '../stage.js';
import { clipForDisplay } from '../../core/text.js';

/**
 * Per-agent permissions. A tool the agent may not use looks exactly like a tool that does not exist
 * (same error, same message); the record keeps the real reason.
 */
export function authorizeStage(permissions: () => ReadonlyMap<string, AgentPermissions>): Stage {
  return {
    id: 'authorize',
    run(call) {
      const perms = permissions().get(call.principal.agent);
      const d = perms
        ? perms.check(call.toolName)
        : { allow: false, rule: 'unknown-agent', reasons: ['agent has no permissions in config'] };
      call.record.rule = d.rule;
      call.record.reasons.push(...d.reasons);
      if (!d.allow) {
        call.record.decision = 'deny';
        throw new GatewayError('tool.not_found', `Unknown tool: ${clipForDisplay(call.toolName)}`, 'denied by policy (hidden)');
      }
    },
  };
}
