import type { BaseCall } from './call.js';

/**
 * Watches the runner without changing it: wraps the whole call and each step (every stage by its id, plus
 * `audit.intent`). Used for tracing (src/observability/tracing.ts). A pipeline built without an observer runs
 * its stages directly, with no wrapper and no allocation.
 */
export interface PipelineObserver<C extends BaseCall = BaseCall> {
  call<T>(call: C, run: () => Promise<T>): Promise<T>;
  step<T>(id: string, call: C, run: () => T | Promise<T>): Promise<T>;
}
