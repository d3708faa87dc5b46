import type { ToolCall } from './call.js';

/**
 * A stage has one job. It either returns (the call goes on) or throws a GatewayError (the call stops;
 * the runner turns the error into the agent-facing answer and the decision record).
 */
export interface Stage {
  readonly id: string;
  run(call: ToolCall): void | Promise<void>;
}

/** Where decision records go: the audit issue replaces the default with the tamper-evident log. */
export interface RecordSink {
  /** Durable write of the intent before execution ("no audit, no call"): rejects when it cannot be written. */
  intent(call: ToolCall): Promise<void>;
  /** The outcome (allowed and executed, denied, failed). Never throws to the caller. */
  outcome(call: ToolCall): Promise<void>;
}
