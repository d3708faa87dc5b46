import type { AgentChannel } from '../core/backend.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject, ToolResult } from '../core/tool.js';
import type { CatalogEntry } from '../backends/catalog.js';
import type { DecisionRecord } from './decision-record.js';

/** The state of one tools/call as it moves through the stages. Stages fill it in; the runner owns it. */
export interface ToolCall {
  readonly requestId: string;
  readonly principal: Principal;
  readonly toolName: string;
  readonly args: JsonObject;
  readonly signal: AbortSignal;
  readonly sourceAddress?: string;
  readonly agent?: AgentChannel;
  readonly onProgress?: (p: { progress: number; total?: number; message?: string }) => void;
  /** Set by resolve. */
  entry?: CatalogEntry;
  /** Set by validate. */
  argsValidated?: boolean;
  /** Set by execute. */
  result?: ToolResult;
  /** The decision record under construction: emitted once, by the runner. */
  readonly record: DecisionRecord;
}
