/** Who is calling: an authenticated agent, optionally acting for a user. */
export interface Principal {
  /** Agent name (stable id in config and audit). */
  agent: string;
  /** End user the agent acts for, when known. */
  user?: string;
  /** How the agent proved who it is. */
  method: 'api-key' | 'stdio' | 'oauth' | 'mtls';
  /** Id of the credential used (e.g. API key id), never the secret. */
  credentialId?: string;
}
