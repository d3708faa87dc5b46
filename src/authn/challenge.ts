import type { AuthRefusal } from './types.js';

const quote = (v: string) => `"${v.replace(/["\\]/g, '')}"`;

/** RFC 9728 §3.1: the metadata of resource `https://h/p` lives at `https://h/.well-known/oauth-protected-resource/p`. */
export function resourceMetadataUrl(resource: string): string {
  const u = new URL(resource);
  const path = u.pathname === '/' ? '' : u.pathname.replace(/\/$/, '');
  return `${u.origin}/.well-known/oauth-protected-resource${path}`;
}

/**
 * The `WWW-Authenticate` value for a refusal (RFC 6750 §3, MCP authorization spec): the realm, where the
 * Protected Resource Metadata is (so clients can find the authorization server), the error and the scope needed.
 */
export function challengeHeader(
  refusal: Pick<AuthRefusal, 'error' | 'description' | 'scope'> | undefined,
  opts: { realm: string; resourceMetadata?: string; scope?: string },
): string {
  const parts = [`realm=${quote(opts.realm)}`];
  if (opts.resourceMetadata) parts.push(`resource_metadata=${quote(opts.resourceMetadata)}`);
  if (refusal?.error) {
    parts.push(`error=${quote(refusal.error)}`);
    parts.push(`error_description=${quote(refusal.description)}`);
  }
  const scope = refusal?.scope ?? opts.scope;
  if (scope) parts.push(`scope=${quote(scope)}`);
  return `Bearer ${parts.join(', ')}`;
}
