import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config/errors.js';
import { parseConfigText } from '../config/load.js';

const parse = (yaml: string) => parseConfigText(yaml, '/etc/portcullis.yaml', {});
const issues = (yaml: string): string[] => {
  try {
    parse(yaml);
    return [];
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    return e.issues.map((i) => `${i.path}@${i.line ?? '?'}: ${i.message}`);
  }
};

describe('auth config', () => {
  it('has sensible defaults: API keys on, no OAuth, no mTLS', () => {
    expect(parse('{}').auth).toEqual({ apiKeys: { enabled: true } });
  });

  it('refuses none and HMAC algorithms, naming the path and line', () => {
    const found = issues(`
auth:
  oauth:
    issuer: https://idp.example
    audience: https://gw.example/mcp
    algorithms: [ES256, HS256]
`);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^auth\.oauth\.algorithms\.1@6:/);
    expect(
      issues(`
auth:
  oauth: { issuer: https://idp.example, audience: https://gw.example/mcp, algorithms: [none] }
`),
    ).toHaveLength(1);
  });

  it('mapped agents must exist, and mTLS needs the listener CA', () => {
    const found = issues(`
agents: { bot: {} }
auth:
  oauth:
    issuer: https://idp.example
    audience: [https://gw.example/mcp]
    clients: { app: ghost }
  mtls:
    identities: [{ agent: bot, commonName: bot }]
`);
    expect(found.join('\n')).toContain('auth.oauth.clients.app');
    expect(found.join('\n')).toContain('agent "ghost" is not defined');
    expect(found.join('\n')).toContain('server.tls with clientCa');
  });

  it('an identity gives exactly one of commonName, san, fingerprint; fingerprints are normalised', () => {
    expect(
      issues(`
agents: { bot: {} }
server: { tls: { cert: c.pem, key: k.pem, clientCa: ca.pem } }
auth: { mtls: { identities: [{ agent: bot, commonName: bot, san: "DNS:bot" }] } }
`).join('\n'),
    ).toContain('exactly one of');
    const fp = 'ab:'.repeat(31) + 'ab';
    const cfg = parse(`
agents: { bot: {} }
server: { tls: { cert: c.pem, key: k.pem, clientCa: ca.pem } }
auth: { mtls: { identities: [{ agent: bot, fingerprint: "${fp}" }] } }
`);
    expect(cfg.auth.mtls?.identities[0]?.fingerprint).toBe('AB'.repeat(32));
  });
});
