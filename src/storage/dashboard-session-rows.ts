import type { DashboardLoginRecord, DashboardSessionRecord } from './repositories.js';

/** Rows of the dashboard's tables as both back ends store them (PostgreSQL returns BIGINT as a string). */
export interface SessionRow {
  id_hash: string;
  user_name: string;
  method: string;
  credential_id: string | null;
  identity: string | null;
  created_at: number | string;
  last_seen_at: number | string;
  expires_at: number | string;
}
export interface LoginRow {
  state_hash: string;
  verifier: string;
  nonce: string;
  return_to: string;
  expires_at: number | string;
}

/** The row's values in column order: id_hash, user_name, method, credential_id, identity, created_at, last_seen_at, expires_at. */
export function sessionValues(s: DashboardSessionRecord): unknown[] {
  const id = {
    ...(s.subject !== undefined ? { subject: s.subject } : {}),
    ...(s.email !== undefined ? { email: s.email } : {}),
    ...(s.groups !== undefined ? { groups: s.groups } : {}),
  };
  const identity = Object.keys(id).length > 0 ? JSON.stringify(id) : null;
  return [s.idHash, s.user, s.method, s.credentialId ?? null, identity, s.createdAt, s.lastSeenAt, s.expiresAt];
}

export function toSession(r: SessionRow): DashboardSessionRecord {
  const identity = r.identity
    ? (JSON.parse(r.identity) as Pick<DashboardSessionRecord, 'subject' | 'email' | 'groups'>)
    : undefined;
  return {
    idHash: r.id_hash,
    user: r.user_name,
    method: r.method === 'oidc' ? 'oidc' : 'api-key',
    ...(r.credential_id ? { credentialId: r.credential_id } : {}),
    ...identity,
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    expiresAt: Number(r.expires_at),
  };
}

export const toLogin = (r: LoginRow): DashboardLoginRecord => ({
  stateHash: r.state_hash,
  verifier: r.verifier,
  nonce: r.nonce,
  returnTo: r.return_to,
  expiresAt: Number(r.expires_at),
});
