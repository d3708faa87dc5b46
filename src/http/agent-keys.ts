import { generateApiKey } from '../authn/api-key.js';
import type { AuditEventInput } from '../audit/types.js';
import { HttpError } from './http-error.js';
import type { ApiKeyRepository } from '../storage/repositories.js';

export interface AgentKeysDeps {
  agentExists(name: string): boolean;
  apiKeys: Pick<ApiKeyRepository, 'insert' | 'rotate' | 'revokeAgent'>;
  recordEvent(e: AuditEventInput): void;
}

const PATH = /^\/api\/v1\/agents\/([^/]{1,200})\/keys(?:\/(rotate|revoke))?$/;

/**
 * POST /api/v1/agents/{name}/keys (create), …/keys/rotate (revoke the agent's keys and issue one, atomically),
 * …/keys/revoke (revoke them all). A new key is in the response body once and nowhere else (only its hash is
 * stored); each change is an `agent.*` audit event naming the person and the key id. Undefined when not its path.
 */
export async function handleAgentKeys(
  deps: AgentKeysDeps,
  url: URL,
  ctx: { user: string; method: string },
): Promise<{ status: number; body: unknown } | undefined> {
  const m = PATH.exec(url.pathname);
  if (!m) return undefined;
  if (ctx.method !== 'POST') throw new HttpError('request.method_not_allowed', undefined, { allow: 'POST' });
  const agent = decodeURIComponent(m[1]!);
  if (!deps.agentExists(agent)) throw new HttpError('request.not_found', `No agent "${agent}" in the config`);
  const action = m[2] ?? 'create';
  const event = (type: AuditEventInput['type'], detail: Record<string, string | number>) =>
    deps.recordEvent({ type, agent, user: ctx.user, detail: { ...detail, via: 'api' } });
  if (action === 'revoke') {
    const revoked = await deps.apiKeys.revokeAgent('agent', agent, new Date().toISOString());
    if (revoked === 0) throw new HttpError('request.invalid', `Agent "${agent}" has no active keys`);
    event('agent.revoked', { revoked });
    return { status: 200, body: { agent, revoked } };
  }
  const { key, record } = generateApiKey(agent, 'agent');
  if (action === 'rotate') {
    const revoked = await deps.apiKeys.rotate(record);
    event('agent.key.rotated', { keyId: record.id, revoked });
    return { status: 200, body: { agent, id: record.id, key, revoked } };
  }
  await deps.apiKeys.insert(record);
  event('agent.created', { keyId: record.id });
  return { status: 201, body: { agent, id: record.id, key } };
}
