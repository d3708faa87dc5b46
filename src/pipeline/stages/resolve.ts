import type { Catalog } from '../../backends/catalog.js';
import { GatewayError } from '../../core/errors.js';
import type { ToolCall } from '../call.js';
import type { Stage } from '../stage.js';
import { clipForDisplay } from '../../core/text.js';

const isCritical = (f: { severity: string }) => f.severity === 'critical';

/** Namespaced tool name → backend + definition + risk, and the policy target. Unknown and quarantined tools stop here, alike. */
export function resolveStage(catalog: () => Catalog): Stage<ToolCall> {
  return {
    id: 'resolve',
    run(call) {
      const c = catalog();
      // A pin quarantine goes on to authorize: an agent allowed to see the tool is told why it is refused.
      const entry =
        c.get(call.toolName) ??
        c.all().find((e) => e.name === call.toolName && e.pin?.state === 'quarantined' && !e.findings.some(isCritical));
      if (!entry) {
        const q = c.all().find((e) => e.name === call.toolName && e.quarantined);
        call.record.reasons.push(q ? 'tool is quarantined (critical poisoning finding)' : 'no such tool');
        if (q) call.record.rule = 'risk.quarantine';
        throw new GatewayError('tool.not_found', `Unknown tool: ${clipForDisplay(call.toolName)}`);
      }
      call.entry = entry;
      call.target = {
        kind: 'tool',
        name: entry.name,
        backend: entry.backend.name,
        risk: { level: entry.risk.level, categories: entry.risk.categories, sideEffect: entry.risk.sideEffect },
        args: call.args,
      };
      call.record.backend = entry.backend.name;
      call.record.risk = { level: entry.risk.level, categories: [...entry.risk.categories] };
    },
  };
}
