import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { probeStdioServer } from '../backends/mcp/probe.js';

const pagedServer = fileURLToPath(new URL('./testdata/paged-server.mjs', import.meta.url));

describe('probeStdioServer', () => {
  it('walks every page of tools/list and reports the server identity', async () => {
    const r = await probeStdioServer({ command: process.execPath, args: [pagedServer], timeoutMs: 20_000 });
    expect(r.serverName).toBe('paged-test-server');
    expect(r.tools).toHaveLength(25);
    expect(new Set(r.tools.map((t) => t.name)).size).toBe(25);
    expect(r.tools[0]).toMatchObject({ name: 'delete_item_0', description: 'Tool number 0.' });
  });

  it('fails cleanly when the command does not start an MCP server', async () => {
    await expect(
      probeStdioServer({ command: process.execPath, args: ['-e', 'process.exit(3)'], timeoutMs: 5_000 }),
    ).rejects.toThrow();
  });
});
