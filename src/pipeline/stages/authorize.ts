import { GatewayError } from '../../core/errors.js';
import { describeTarget, type Decision, type Target } from '../../core/decision.js';
import type { PolicyEngine } from '../../policy/engine.js';
import type { BaseCall } from '../call.js';
import type { Stage } from '../stage.js';
import { clipForDisplay } from '../../core/text.js';

/** What an agent is told about a target it may not use: exactly what it is told about one that does not exist. */
export function hiddenError(t: Target): GatewayError {
  const leaf = t.kind === 'completion' ? t.ref : t;
  if (leaf.kind === 'resource')
    return new GatewayError('resource.not_found', `Resource not found: ${clipForDisplay(leaf.uri)}`);
  if (leaf.kind === 'prompt')
    return new GatewayError('prompt.not_found', `Unknown prompt: ${clipForDisplay(leaf.name)}`);
  return new GatewayError('tool.not_found', `Unknown tool: ${clipForDisplay(leaf.name)}`);
}

/**
 * A refusal stated as the policy's, for a target the agent knows exists: `Denied by policy (rule <id>): <what>`, the
 * rule id clipped for display; `what` says what was refused (and anything the agent should know besides), `detail`
 * is for the audit log only. Every agent-facing refusal that names a policy rule is built here.
 */
export function policyDenied(rule: string, what: string, detail: string): GatewayError {
  return new GatewayError('policy.denied', `Denied by policy (rule ${clipForDisplay(rule)}): ${what}`, detail);
}

/**
 * The one policy decision for every method: `evaluate(principal, target)`. The record carries the effect, the
 * rule id and the reasons. A denied target looks nonexistent unless the agent can list it (then: `policy.denied`) or
 * knows it exists otherwise (`known`).
 * A held call is handed to the approval stage
 * (`hold: 'defer'`: the approval stage decides) or refused (fail closed: no approvals here), unless `known` answers it;
 * the record says `hold`.
 */
export function authorizeStage<C extends BaseCall & { hold?: Decision }>(
  policy: () => PolicyEngine,
  options: {
    hold?: 'defer' | 'refuse';
    /**
     * A refused target the agent knows more of than its listings say: it still holds a subscription to the resource,
     * taken while it was granted, and lets go of it all the same. Asked when the decision denies a target the agent
     * cannot list (the refusal is stated, not hidden) and when it holds one (before deferring or refusing: the answer
     * says what became of the agent's subscription). Returns the error to answer with, else undefined.
     */
    known?: (call: C, d: Decision) => GatewayError | undefined;
  } = {},
): Stage<C> {
  return {
    id: 'authorize',
    run(call) {
      const t = call.target;
      if (!t) throw new GatewayError('internal', undefined, 'authorize without a resolved target');
      const d = policy().evaluate(call.principal, t);
      call.record.decision = d.effect;
      call.record.rule = d.rule;
      call.record.reasons.push(...d.reasons);
      if (d.effect === 'deny') {
        // A target the agent can see in its listings (a condition over the call's arguments decided) is refused as
        // denied, naming the rule: pretending it does not exist would hide nothing and mislead. Anything else looks
        // nonexistent, exactly like a target that does not exist.
        if (policy().visible(call.principal, t))
          throw policyDenied(d.rule, `${describeTarget(t)} with these arguments`, 'denied by policy (visible target)');
        const known = options.known?.(call, d);
        if (known) throw known;
        const e = hiddenError(t);
        throw new GatewayError(e.code, e.message, 'denied by policy (hidden)');
      }
      if (d.effect !== 'hold') return;
      const known = options.known?.(call, d);
      if (known) throw known;
      if (options.hold === 'defer') {
        call.hold = d;
        return;
      }
      throw new GatewayError(
        'approval.required',
        `${describeTarget(t)} needs approval, and this request cannot wait for one; it was not made`,
        'held by policy; approvals are not available here',
      );
    },
  };
}
