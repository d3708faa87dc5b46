import type { Ed25519Jwk } from './verify.js';
import { verifyToolDefinition } from './verify.js';

/**
 * Checks definitions from upstreams configured with signing keys (`pins.upstreamKeys.<backend>`): an unsigned or badly
 * signed definition from such a backend yields the reason it is quarantined. Backends without keys pass unchecked.
 */
export function upstreamSignatureCheck(
  keys: () => Record<string, readonly Ed25519Jwk[]>,
): (backend: string, offered: Record<string, unknown>) => string | undefined {
  return (backend, offered) => {
    const set = keys()[backend];
    if (!set || set.length === 0) return undefined;
    const r = verifyToolDefinition(offered, set);
    return r.ok ? undefined : `upstream signature check failed: ${r.reason}`;
  };
}
