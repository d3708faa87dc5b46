import { GatewayError } from '../../core/errors.js';
import type { Stage } from '../stage.js';

/** Calls the backend. Runs only after the intent record is written. */
export function executeStage(): Stage {
  return {
    id: 'execute',
    async run(call) {
      const entry = call.entry;
      if (!entry) throw new GatewayError('internal', undefined, 'execute without resolve');
      call.result = await entry.backend.callTool(entry.localName, call.args, {
        principal: call.principal,
        requestId: call.requestId,
        signal: call.signal,
        ...(call.onProgress ? { onProgress: call.onProgress } : {}),
        ...(call.agent ? { agent: call.agent } : {}),
        argsValidated: call.argsValidated === true,
      });
    },
  };
}
