/**
 * A token as an asset (token-assets.ts, ADR 0008): a cryptocurrency token with a price, a supply, holders or a burn is
 * a unit of value, not a credential. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('a token with a price, a supply or a burn is an asset', () => {
  it('token prices, an NFT token, token holders and a token burn page are no credential-access', () => {
    const cases = [
      classifyOperation('GET /tokens/{id}/price', 'tokenPrice', 'Current price and 24h volume of a token.', {
        id: str(),
      }),
      classifyTool(
        toolDef('get_nft_token', 'Get the metadata of an NFT token: name, image and owner.', {
          contract: str(),
          tokenId: str(),
        }),
        mcpSource,
      ),
      classifyTool(
        toolDef('list_token_holders', 'List the holders of a token and the supply each one has.', { address: str() }),
        mcpSource,
      ),
      classifyTool(toolDef('GET /burn/overview', 'GET /burn/overview', {}), {
        kind: 'openapi',
        backend: 't',
        method: 'GET',
        path: '/burn/overview',
        operationId: 'burnOverview',
        tags: ['token-burn'],
      }),
    ];
    cases.push(
      classifyOperation('GET /erc721/{contract}', 'getErc721', 'Get token information such as its name and symbol.', {
        contract: str(),
      }),
    );
    for (const a of cases) {
      expect(a.categories).not.toContain('credential-access');
      expect(a.level).toBe('low');
    }
  });

  it('an access token, an API token by name and a token qualified otherwise stay credential-access', () => {
    const access = classifyTool(
      toolDef('get_session_token', 'Get the access token of the current session.', {}),
      mcpSource,
    );
    expect(access.categories).toContain('credential-access');
    const named = classifyOperation('GET /tokens/{name}', 'getToken', 'Get an API token by its name.', { name: str() });
    expect(named.categories).toContain('credential-access');
    expect(named.reasons.join(' ')).not.toMatch(/as an asset/);
  });
});
