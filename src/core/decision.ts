import type { ApprovalRequirement } from './approval.js';
import type { JsonObject } from './tool.js';

/**
 * What policy says about one request. `hold` means "needs a human": approvals (issue 9) turn it into a wait;
 * until they are wired, the pipeline refuses held calls (fail closed) and records the hold.
 */
export type Effect = 'allow' | 'deny' | 'hold';

export interface Decision {
  effect: Effect;
  /** Id of the deciding rule (`default-deny` when none matched). */
  rule: string;
  /** Human-readable, each naming the rule or signal it comes from. */
  reasons: string[];
  /** With `hold`: what the approval needs (quorum, groups, approvers, timeout, channels). */
  approval?: ApprovalRequirement;
}

/** Risk facts policy may match on (from the risk engine). */
export interface TargetRisk {
  level: string;
  categories: readonly string[];
  sideEffect: string;
}

/** A tools/call (or a tool in a listing, without arguments). */
export interface ToolTarget {
  kind: 'tool';
  /** Namespaced name agents see. */
  name: string;
  backend: string;
  risk: TargetRisk;
  /** Absent when deciding visibility for a listing: argument conditions are then not decided. */
  args?: JsonObject;
}

/** A resource (read, subscribe, unsubscribe, listing, template). `uri` is normalised (see policy/uri.ts). */
export interface ResourceTarget {
  kind: 'resource';
  server: string;
  uri: string;
}

/** A prompt, by its namespaced name. */
export interface PromptTarget {
  kind: 'prompt';
  server: string;
  name: string;
}

/** completion/complete: decided as the prompt or resource the reference names. */
export interface CompletionTarget {
  kind: 'completion';
  ref: PromptTarget | ResourceTarget;
}

export type Target = ToolTarget | ResourceTarget | PromptTarget | CompletionTarget;

/** A short label of a target for records and CLI output. */
export function describeTarget(t: Target): string {
  switch (t.kind) {
    case 'tool':
      return t.name;
    case 'resource':
      return `${t.server}:${t.uri}`;
    case 'prompt':
      return t.name;
    case 'completion':
      return `completion of ${describeTarget(t.ref)}`;
  }
}
