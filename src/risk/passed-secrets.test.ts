/**
 * Secrets an MCP tool is handed to sign in elsewhere (passed-secrets.ts, ADR 0008): an API secret beside its key, an
 * account password or a signing secret "for authentication" is a credential the tool uses, `credential-access` on a
 * read too. A webhook's signing secret for checking a payload, a lone API key and OpenAPI operations are not. Invented
 * tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('secrets an MCP tool is handed to sign in elsewhere', () => {
  it('a read or change that takes the secret half of a credential is credential-access', () => {
    const results = [
      classifyTool(
        toolDef('get_positions', 'Get your open positions on a broker', {
          broker: str(),
          apiKey: str('API key'),
          apiSecret: str('API secret'),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('list_site_posts', 'List the posts of a blog', {
          site: str(),
          username: str(),
          password: str('The account password used to authenticate with the site'),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('set_margin_mode', 'Set the margin mode of a futures account', {
          mode: str(),
          key: str(),
          secret: str(),
        }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
      expect(a.level).toBe('high');
    }
  });

  it("a webhook signature check, a lone API key and an OpenAPI operation's body are not", () => {
    const results = [
      classifyTool(
        toolDef('check_webhook_signature', 'Check that a webhook payload was signed by the provider', {
          payload: str(),
          signature: str(),
          secret: str('Webhook signing secret'),
        }),
        mcpSource,
      ),
      classifyTool(toolDef('list_matches', 'List your matches', { apiKey: str('Your API key') }), mcpSource),
      classifyOperation('POST /quotes', 'getQuote', 'Get a shipping quote', {
        apiKey: str('API key'),
        apiSecret: str('API secret'),
        weight: str(),
      }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('credential-access');
  });
});
