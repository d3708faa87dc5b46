import type { BaseCall, ToolCall } from './call.js';

export type { RecordSink } from '../core/call.js';

/**
 * A stage has one job. It either returns (the call goes on) or throws a GatewayError (the call stops;
 * the runner turns the error into the agent-facing answer and the decision record).
 */
export interface Stage<C extends BaseCall = ToolCall> {
  readonly id: string;
  run(call: C): void | Promise<void>;
}
