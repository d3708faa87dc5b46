import type { AuthChain, AuthDecision, AuthRequest, Authenticator } from './types.js';

const none = (req: AuthRequest): AuthDecision =>
  req.authorization
    ? {
        kind: 'refused',
        status: 401,
        reason: 'unrecognised',
        error: 'invalid_token',
        description: 'The credential is not one this gateway accepts',
      }
    : { kind: 'refused', status: 401, reason: 'missing', description: 'Authentication required' };

/**
 * Asks each authenticator in order; the first that recognises the credential decides (accept or refuse).
 * When none does, the request is refused as unauthenticated: the chain never lets a request through by default.
 * Answers synchronously while the authenticators do (ADR 0017, Decision 11), and waits only for those that cannot.
 */
export function createAuthChain(authenticators: readonly Authenticator[]): AuthChain {
  const from = (req: AuthRequest, i: number): AuthDecision | Promise<AuthDecision> => {
    for (; i < authenticators.length; i++) {
      const outcome = authenticators[i]!.authenticate(req);
      if (outcome instanceof Promise) return outcome.then((o) => (o.kind !== 'not-mine' ? o : from(req, i + 1)));
      if (outcome.kind !== 'not-mine') return outcome;
    }
    return none(req);
  };
  return { authenticate: (req) => from(req, 0) };
}
