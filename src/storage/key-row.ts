import type { ApiKeyRecord } from './repositories.js';

/** An API key as both back ends store it (one row shape, snake_case columns). */
export interface KeyRow {
  id: string;
  kind: string;
  agent: string;
  hash: string;
  created_at: string;
  revoked_at: string | null;
}

export const toKey = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  kind: r.kind === 'user' ? 'user' : 'agent',
  agent: r.agent,
  hash: r.hash,
  createdAt: r.created_at,
  ...(r.revoked_at ? { revokedAt: r.revoked_at } : {}),
});
