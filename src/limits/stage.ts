import { GatewayError } from '../core/errors.js';
import type { Stage } from '../pipeline/stage.js';
import type { Limiter, LimitVerdict } from './limiter.js';

/**
 * Rate limits and quotas, after the call is authorized and validated (a refused or invalid call costs no tokens).
 * A limited call stops here with `rate.limited` / `quota.exceeded`, carrying `retryAfterSeconds`; the decision
 * record names the rule.
 */
export function limitStage(limiter: Limiter): Stage {
  const enforce = (call: Parameters<Stage['run']>[0], v: LimitVerdict): void => {
    if (v.allowed) return;
    const retryAfterSeconds = Math.max(1, Math.ceil(v.retryAfterMs / 1000));
    call.record.decision = 'deny';
    call.record.rule = `limits.${v.kind}.${v.rule}`;
    call.record.reasons.push(v.reason);
    throw new GatewayError(
      v.kind === 'rate' ? 'rate.limited' : 'quota.exceeded',
      `${v.kind === 'rate' ? 'Rate limit' : 'Quota'} "${v.rule}" exceeded for ${call.toolName}: retry after ${retryAfterSeconds} s`,
      v.reason,
      { code: v.kind === 'rate' ? 'rate.limited' : 'quota.exceeded', rule: v.rule, retryAfterSeconds },
    );
  };
  // The store could not answer (a shared store unreachable or slow): refused, never let through, and the decision
  // record says so (the error's detail, with the store's location without its password, goes to the audit log).
  const unavailable = (call: Parameters<Stage['run']>[0], e: unknown): never => {
    call.record.decision = 'deny';
    call.record.rule = 'limits.store';
    call.record.reasons.push('the limit store cannot answer: call refused (fail closed)');
    throw e instanceof GatewayError
      ? e
      : new GatewayError(
          'store.unavailable',
          'Rate limits cannot be checked right now; call refused, try again later',
          e instanceof Error ? e.message : String(e),
          { code: 'store.unavailable', retryAfterSeconds: 1 },
        );
  };
  return {
    id: 'limit',
    run(call) {
      const v = limiter.check({
        agent: call.principal.agent,
        ...(call.principal.user !== undefined ? { user: call.principal.user } : {}),
        tool: call.toolName,
        ...(call.entry ? { risk: call.entry.risk.level } : {}),
      });
      // Without rules the verdict is a value: the stage then decides without a promise (ADR 0017, Decision 11).
      if (v instanceof Promise)
        return v.then(
          (verdict) => enforce(call, verdict),
          (e: unknown) => unavailable(call, e),
        );
      enforce(call, v);
    },
  };
}
