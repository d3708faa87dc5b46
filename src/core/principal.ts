/** Who is calling: an authenticated agent, optionally acting for a user. */
export interface Principal {
  /** Agent name (stable id in config and audit). */
  agent: string;
  /**
   * Verified identity claims of the user the agent acts for (never a raw token).
   * End user the agent acts for, when known: user id (token `sub`, or configured name).
   */
  user?: string;
  /** The user's groups (token claim, configurable name). */
  groups?: readonly string[];
  /** Verified token claims (no raw token). */
  claims?: Readonly<Record<string, unknown>>;
  /** OAuth scopes granted. */
  scopes?: readonly string[];
  /** How the agent proved who it is. */
  method: 'api-key' | 'stdio' | 'oauth' | 'mtls';
  /** Id of the credential used (e.g. API key id), never the secret. */
  credentialId?: string;
}
