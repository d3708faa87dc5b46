/** Opening or closing an MCP server's own client connection changes nothing stored (client-connections.ts). Invented tools. */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe("an MCP server's own client connection", () => {
  it('disconnecting, or connecting to configured servers, changes nothing', () => {
    const results = [
      classifyTool(toolDef('disconnect_database', 'Close the current database connection.', {}), mcpSource),
      classifyTool(toolDef('disconnect_all', 'Disconnect from the FTP and SFTP servers.', {}), mcpSource),
      classifyTool(toolDef('crm_connect', 'Connect to the CRM configured in the environment.', {}), mcpSource),
    ];
    for (const a of results) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
      expect(a.categories, a.reasons.join(' | ')).toEqual([]);
    }
  });

  it('connecting to a host the caller names reaches it; a password sent there is credential-access', () => {
    const a = classifyTool(
      toolDef('connect_server', 'Open a connection to a Redis server.', { host: str(), password: str() }),
      mcpSource,
    );
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('external');
    expect(a.categories, a.reasons.join(' | ')).toEqual(['credential-access']);
  });

  it('connecting an account, a device or a peer is still a change; so is an OpenAPI connect', () => {
    const results = [
      classifyTool(toolDef('connect_github', 'Sign in with OAuth and store the GitHub tokens.', {}), mcpSource),
      classifyTool(toolDef('connect_device', 'Pair a Bluetooth device.', { address: str() }), mcpSource),
      classifyOperation('POST /nodes/{id}/connect', 'connect', 'Connect the node to a peer.', {
        id: str(),
        url: str(),
      }),
    ];
    for (const a of results) expect(a.sideEffect, a.reasons.join(' | ')).not.toBe('none');
  });
});
