import type { AuthChain, AuthDecision, AuthRequest, Authenticator } from './types.js';

/**
 * Asks each authenticator in order; the first that recognises the credential decides (accept or refuse).
 * When none does, the request is refused as unauthenticated: the chain never lets a request through by default.
 */
export function createAuthChain(authenticators: readonly Authenticator[]): AuthChain {
  return {
    async authenticate(req: AuthRequest): Promise<AuthDecision> {
      for (const a of authenticators) {
        const outcome = await a.authenticate(req);
        if (outcome.kind !== 'not-mine') return outcome;
      }
      return req.authorization
        ? {
            kind: 'refused',
            status: 401,
            reason: 'unrecognised',
            error: 'invalid_token',
            description: 'The credential is not one this gateway accepts',
          }
        : { kind: 'refused', status: 401, reason: 'missing', description: 'Authentication required' };
    },
  };
}
