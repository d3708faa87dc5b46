import type { PeerCertificate } from 'node:tls';
import type { Principal } from '../core/principal.js';

/** What an authenticator sees of a request: no framework objects, so each one is testable alone. */
export interface AuthRequest {
  /** The Authorization header value, if any. */
  authorization?: string;
  /** The TLS client certificate, when the listener is HTTPS and the client sent one. */
  tls?: {
    /** Whether OpenSSL verified the chain against the configured CA (and CRL). */
    authorized: boolean;
    /** OpenSSL's reason when not authorized (e.g. CERT_HAS_EXPIRED, CERT_REVOKED). */
    authorizationError?: string;
    /** The client's certificate, absent when none was sent. */
    peerCertificate?: PeerCertificate;
  };
  sourceAddress?: string;
  /**
   * The transport connection the request came on (the socket), as an identity only: the API-key authenticator reuses
   * the digest of the key this connection presented last (ADR 0017, Decision 49). Never shared between connections.
   */
  connection?: object;
}

/** RFC 6750 error codes used in `WWW-Authenticate`. */
export type BearerError = 'invalid_request' | 'invalid_token' | 'insufficient_scope';

/**
 * The three answers of an authenticator (Oathkeeper-style chain): the credential is not of its kind ("not mine",
 * the chain asks the next one), it proves who is calling, or it is of its kind and refused (the chain stops).
 */
export type AuthOutcome = { kind: 'not-mine' } | { kind: 'authenticated'; principal: Principal } | AuthRefusal;

export interface AuthRefusal {
  kind: 'refused';
  /**
   * 401: credential missing or invalid; 403: valid but not allowed here (insufficient scope, unmapped client);
   * 503: the credential could not be checked (issuer keys or introspection unreachable): refused, not guessed.
   */
  status: 401 | 403 | 503;
  /** Short machine reason for the audit log (`expired`, `bad-signature`, `unknown-ca` ...). */
  reason: string;
  /** Bearer error for the challenge header. */
  error?: BearerError;
  /** Human text safe to show the caller (never token contents). */
  description: string;
  /** Scopes the caller needs (403 insufficient_scope). */
  scope?: string;
  /** Credential id for the audit record (API key id), never a secret. */
  keyId?: string;
}

/** One way of proving identity. Implementations live one per file in src/authn/. */
export interface Authenticator {
  /** Config key of this authenticator (`api-key`, `oauth`, `mtls`). */
  readonly id: string;
  /** A value when the outcome is known without I/O (an API key cached in memory): no promise hops on the hot path. */
  authenticate(req: AuthRequest): AuthOutcome | Promise<AuthOutcome>;
}

export const refused = (
  status: 401 | 403 | 503,
  reason: string,
  description: string,
  extra: Partial<Pick<AuthRefusal, 'error' | 'scope' | 'keyId'>> = {},
): AuthRefusal => ({ kind: 'refused', status, reason, description, ...extra });

/** What a chain answers: someone recognised the credential and decided, or nobody did (refused as missing). */
export type AuthDecision = Exclude<AuthOutcome, { kind: 'not-mine' }>;

export interface AuthChain {
  /** A value when every authenticator asked answered without I/O; otherwise a promise. */
  authenticate(req: AuthRequest): AuthDecision | Promise<AuthDecision>;
}
