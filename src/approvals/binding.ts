import { createHash, randomBytes } from 'node:crypto';
import { canonicalize } from '../audit/canonical-json.js';
import type { JsonObject } from '../core/tool.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** SHA-256 (hex) of the RFC 8785 canonical form of the arguments: what an approval is bound to. */
export function argsDigest(args: JsonObject): string {
  return sha256(canonicalize(args));
}

/**
 * The policy version an approval is bound to: a digest of everything that decides who may call what and who must
 * approve it (agents' grants and the policy section). A reload that changes either voids approvals given before.
 */
export function policyVersion(config: { agents: unknown; policy: unknown }): string {
  return sha256(canonicalize({ agents: config.agents, policy: config.policy })).slice(0, 16);
}

/** Approval ids: `apr_` + 20 random base32 characters (100 bits; unguessable, safe in URLs and shells). */
export function newApprovalId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bytes = randomBytes(20);
  let out = 'apr_';
  for (const b of bytes) out += alphabet[b & 31];
  return out;
}
