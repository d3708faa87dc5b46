import { newRequestId } from '../core/ids.js';
import { isoNow } from '../core/iso-now.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject } from '../core/tool.js';
import type { ForwardedMethod, MethodCall } from '../pipeline/call.js';

/** What a front door path may add to a forwarded call: the agent's channel, progress, source address, holder. */
export type MethodCallExtras = Partial<Pick<MethodCall, 'agent' | 'onProgress' | 'sourceAddress' | 'holder'>>;

/**
 * One forwarded method (resources/read|subscribe|unsubscribe, prompts/get, completion/complete) as the pipeline takes
 * it, with its decision record (a denial until the pipeline decides): the one builder for an agent's request and for
 * what the gateway sends on a listen stream's or a closed session's behalf.
 */
export function methodCall(
  principal: Principal,
  method: ForwardedMethod,
  params: JsonObject,
  signal: AbortSignal,
  extras: MethodCallExtras = {},
): MethodCall {
  const requestId = newRequestId();
  return {
    requestId,
    principal,
    method,
    params,
    signal,
    ...extras,
    record: {
      requestId,
      timestamp: isoNow(),
      method,
      agent: principal.agent,
      ...(principal.user ? { user: principal.user } : {}),
      ...(extras.sourceAddress ? { sourceAddress: extras.sourceAddress } : {}),
      ...(method === 'prompts/get' && params.arguments && typeof params.arguments === 'object'
        ? { arguments: params.arguments as JsonObject }
        : {}),
      decision: 'deny',
      reasons: [],
    },
  };
}
