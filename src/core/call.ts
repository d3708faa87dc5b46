import type { DecisionRecord } from './decision-record.js';
import type { JsonObject } from './tool.js';

/** What a record sink needs of a call: its decision record (and the arguments, for tool calls). */
export interface RecordedCall {
  readonly record: DecisionRecord;
  readonly args?: JsonObject;
}

/** Where decision records go: the tamper-evident audit log in production, memory in tests. */
export interface RecordSink {
  /** Durable write of the intent before execution ("no audit, no call"): rejects when it cannot be written. */
  intent(call: RecordedCall): Promise<void>;
  /** The outcome (allowed and executed, denied, failed). Never throws to the caller. */
  outcome(call: RecordedCall): Promise<void>;
}
