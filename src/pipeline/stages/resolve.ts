import type { Catalog } from '../../backends/catalog.js';
import { GatewayError } from '../../core/errors.js';
import type { Stage } from '../stage.js';

/** Namespaced tool name → backend + definition. Unknown tools stop here. */
export function resolveStage(catalog: () => Catalog): Stage {
  return {
    id: 'resolve',
    run(call) {
      const entry = catalog().get(call.toolName);
      if (!entry) {
        call.record.reasons.push('no such tool');
        throw new GatewayError('tool.not_found', `Unknown tool: ${call.toolName}`);
      }
      call.entry = entry;
      call.record.backend = entry.backend.name;
    },
  };
}
