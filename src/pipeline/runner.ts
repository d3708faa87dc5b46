import { GatewayError, isGatewayError } from '../core/errors.js';
import type { ToolCall } from './call.js';
import type { ResultStatus } from './decision-record.js';
import type { RecordSink, Stage } from './stage.js';

export interface Pipeline {
  /** Runs the stages in order. Resolves with the call (result set) or rejects with a GatewayError. */
  run(call: ToolCall): Promise<ToolCall>;
}

const statusOf = (e: GatewayError): ResultStatus => {
  switch (e.code) {
    case 'tool.not_found':
      return 'not_found';
    case 'policy.denied':
      return 'denied';
    case 'args.invalid':
      return 'invalid_args';
    case 'rate.limited':
    case 'quota.exceeded':
      return 'rate_limited';
    case 'backend.timeout':
      return 'timeout';
    case 'audit.unavailable':
      return 'audit_error';
    default:
      return 'backend_error';
  }
};

/**
 * The runner: `before` stages decide, then the intent is recorded, then `execute` runs.
 * The outcome record is written exactly once, whatever happened, outside the execute try, and does not delay
 * the answer.
 */
export function createPipeline(before: readonly Stage[], execute: Stage, sink: RecordSink): Pipeline {
  return {
    async run(call) {
      const started = performance.now();
      const rec = call.record;
      try {
        for (const s of before) await s.run(call);
        rec.decision = 'allow';
        await sink.intent(call);
        await execute.run(call);
        rec.resultStatus = call.result?.isError ? 'tool_error' : 'ok';
        return call;
      } catch (e) {
        const err = isGatewayError(e) ? e : new GatewayError('internal', undefined, String(e));
        rec.resultStatus = statusOf(err);
        rec.error = err.detail ? `${err.message}: ${err.detail}` : err.message;
        throw err;
      } finally {
        rec.latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
        // Queued, not awaited: the agent's answer does not wait for the outcome's fsync (the intent, written before
        // execution, is what "no audit, no call" requires). The sink never throws.
        void sink.outcome(call).catch(() => undefined);
      }
    },
  };
}
