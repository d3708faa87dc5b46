import { GatewayError } from '../core/errors.js';
import type { ToolCall } from '../pipeline/call.js';
import type { Stage } from '../pipeline/stage.js';
import { clipForDisplay } from '../core/text.js';

/**
 * Refuses a call to a tool whose pin is quarantined, with the reason. Placed after authorize: an agent that may not
 * see the tool was already told it does not exist; one that may is told why it cannot use it now.
 */
export function quarantineStage(): Stage<ToolCall> {
  return {
    id: 'quarantine',
    run(call) {
      const pin = call.entry?.pin;
      if (!call.entry?.quarantined || pin?.state !== 'quarantined') return;
      call.record.rule = 'pins.quarantine';
      call.record.decision = 'deny';
      call.record.reasons.push(`tool is quarantined: ${pin.reason ?? 'its definition changed'}`);
      throw new GatewayError(
        'tool.quarantined',
        `Tool ${clipForDisplay(call.entry.name)} is quarantined: ${pin.reason ?? 'its definition changed'}. ` +
          'An administrator must review and accept it (portcullis tools diff / accept) before it can be used.',
      );
    },
  };
}
