import { LazyCallContext } from '../../core/backend.js';
import { GatewayError } from '../../core/errors.js';
import type { Stage } from '../stage.js';

/** Calls the backend. Runs only after the intent record is written. */
export function executeStage(): Stage {
  return {
    id: 'execute',
    async run(call) {
      const entry = call.entry;
      if (!entry) throw new GatewayError('internal', undefined, 'execute without resolve');
      // A call that carries its cancellation as `abort` gets a context that makes the AbortSignal only when a
      // backend reads it (the lean stdio path does not; ADR 0017, Decision 19).
      const abort = call.abort;
      if (abort) {
        const ctx = new LazyCallContext(call.principal, call.requestId, abort);
        if (call.onProgress) ctx.onProgress = call.onProgress;
        if (call.agent) ctx.agent = call.agent;
        ctx.argsValidated = call.argsValidated === true;
        call.result = await entry.backend.callTool(entry.localName, call.args, ctx);
        return;
      }
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
