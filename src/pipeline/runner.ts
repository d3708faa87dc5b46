import { GatewayError, isGatewayError, type ErrorCode } from '../core/errors.js';
import type { ResultStatus } from '../core/decision-record.js';
import type { RecordSink } from '../core/call.js';
import type { BaseCall } from './call.js';
import type { PipelineObserver } from './observer.js';
import type { Stage } from './stage.js';

export interface Pipeline<C extends BaseCall> {
  /** Runs the stages in order. Resolves with the call (result set) or rejects with a GatewayError. */
  run(call: C): Promise<C>;
}

const statuses: Partial<Record<ErrorCode, ResultStatus>> = {
  'tool.not_found': 'not_found',
  'resource.not_found': 'not_found',
  'prompt.not_found': 'not_found',
  'resource.uri_invalid': 'invalid_args',
  'policy.denied': 'denied',
  'tool.quarantined': 'denied',
  'prompt.quarantined': 'denied',
  'approval.required': 'held',
  'approval.pending': 'held',
  'approval.denied': 'denied',
  'approval.not_found': 'not_found',
  'approval.conflict': 'denied',
  'approval.forbidden': 'denied',
  'args.invalid': 'invalid_args',
  'rate.limited': 'rate_limited',
  'quota.exceeded': 'rate_limited',
  'backend.timeout': 'timeout',
  'audit.unavailable': 'audit_error',
  // The session or stream that asked has ended: the call is called off before it reaches the backend.
  'session.not_found': 'cancelled',
  // Likewise the gateway's own release at an upstream a reload removed: its subscription ended with it.
  'backend.removed': 'cancelled',
};
export const statusOf = (e: GatewayError): ResultStatus => statuses[e.code] ?? 'backend_error';

/**
 * The runner: `before` stages decide, then the intent is recorded, then `execute` runs. Nothing executes unless a
 * stage set the record's decision to `allow` (the authorize stage, from the one policy decision). The outcome
 * record is written exactly once, whatever happened, outside the execute try, and does not delay the answer.
 */
const recordOutcome = (sink: RecordSink, call: BaseCall): void => void sink.outcome(call).catch(() => undefined);

export function createPipeline<C extends BaseCall>(
  before: readonly Stage<C>[],
  execute: Stage<C>,
  sink: RecordSink,
  obs?: PipelineObserver<C>,
): Pipeline<C> {
  const pipeline: Pipeline<C> = {
    async run(call) {
      const started = performance.now();
      const rec = call.record;
      try {
        for (const s of before) {
          // A stage that decided synchronously is not awaited: no promise hop per stage (ADR 0017, Decision 11).
          const running = obs ? obs.step(s.id, call, () => s.run(call)) : s.run(call);
          if (running) await running;
        }
        if (rec.decision !== 'allow') throw new GatewayError('internal', undefined, 'no stage allowed the call');
        await (obs ? obs.step('audit.intent', call, () => sink.intent(call)) : sink.intent(call));
        await (obs ? obs.step(execute.id, call, () => execute.run(call)) : execute.run(call));
        rec.resultStatus = (call as { result?: { isError?: unknown } }).result?.isError === true ? 'tool_error' : 'ok';
        return call;
      } catch (e) {
        const err = isGatewayError(e) ? e : new GatewayError('internal', undefined, String(e));
        rec.resultStatus = statusOf(err);
        rec.error = err.detail ? `${err.message}: ${err.detail}` : err.message;
        throw err;
      } finally {
        rec.latencyMs = Math.round((performance.now() - started) * 1000) / 1000;
        // Queued, not awaited: the agent's answer does not wait for the outcome's fsync (the intent, written before
        // execution, is what "no audit, no call" requires), nor for building its record: it is handed to the sink
        // once this turn's answers are written (ADR 0017, Decision 14). The sink never throws.
        setImmediate(recordOutcome, sink, call);
      }
    },
  };
  return obs ? { run: (call) => obs.call(call, () => pipeline.run(call)) } : pipeline;
}
