/** Who is calling: an authenticated agent, optionally acting for a user. */
export interface Principal {
  /** Agent name (stable id in config and audit). */
  agent: string;
  /** Verified identity claims of the user the agent acts for (never a raw token). */
  user?: string; // user id (token `sub`, or configured name)
  groups?: readonly string[]; // user's groups (token claim, configurable name)
  claims?: Readonly<Record<string, unknown>>; // verified token claims (no raw token)
  scopes?: readonly string[]; // OAuth scopes granted
  /** How the agent proved who it is. */
  method: 'api-key' | 'stdio' | 'oauth' | 'mtls';
  /** Id of the credential used (API key id, token `jti`, certificate fingerprint), never the secret. */
  credentialId?: string;
  /**
   * When the credential stops being valid (ms since the epoch): a token's `exp`, a client certificate's notAfter.
   * Long-lived deliveries (listen streams, a session's notifications) stop then; absent: no end of its own.
   */
  expiresAt?: number;
}
