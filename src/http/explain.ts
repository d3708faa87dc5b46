import { toolTargetOf } from '../backends/catalog.js';
import type { Principal } from '../core/principal.js';
import type { JsonObject } from '../core/tool.js';
import type { Gateway } from '../gateway/gateway.js';
import { HttpError } from './http-error.js';
import { JsonRequestError, parseJsonRequest } from '../core/json-shape.js';

/**
 * GET /api/v1/policy/explain?agent=&tool=[&user=][&groups=a,b][&args={json}]: the real decision (the same
 * `evaluate` the gateway runs for a call) with its rule and reasons, like `portcullis policy explain`.
 */
export async function explainTool(
  gw: Pick<Gateway, 'config' | 'catalog' | 'policy'>,
  params: URLSearchParams,
): Promise<{ status: number; body: unknown }> {
  const agent = params.get('agent');
  const tool = params.get('tool');
  if (!agent || !tool) throw new HttpError('request.invalid', 'Give "agent" and "tool"');
  if (!Object.hasOwn(gw.config().config.agents, agent))
    throw new HttpError('request.not_found', `No agent "${agent}" in the config`);
  const entry = gw.catalog().get(tool);
  if (!entry) throw new HttpError('request.not_found', `No tool "${tool}" in the catalog`);
  let args: JsonObject | undefined;
  const raw = params.get('args');
  if (raw) {
    try {
      args = parseJsonRequest(raw) as JsonObject;
    } catch (e) {
      if (e instanceof JsonRequestError && e.reason === 'shape')
        throw new HttpError('request.invalid', `Invalid request: "args": ${e.message}`);
      throw new HttpError('request.invalid', '"args" is not valid JSON');
    }
    if (args === null || typeof args !== 'object' || Array.isArray(args))
      throw new HttpError('request.invalid', '"args" must be a JSON object');
  }
  const user = params.get('user');
  const groups = params.get('groups');
  const principal: Principal = {
    agent,
    method: 'api-key',
    ...(user ? { user } : {}),
    ...(groups
      ? {
          groups: groups
            .split(',')
            .map((g) => g.trim())
            .filter(Boolean),
        }
      : {}),
  };
  const target = toolTargetOf(entry);
  const decision = gw.policy().evaluate(principal, args ? { ...target, args } : target);
  return {
    status: 200,
    body: {
      agent,
      tool,
      ...(user ? { user } : {}),
      target: { backend: target.backend, risk: target.risk },
      decision,
    },
  };
}
