// A stdio MCP server (SDK v1 low-level API) that lists 25 tools over 3 pages, for the scan/probe tests.
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';

const all = Array.from({ length: 25 }, (_, i) => ({
  name: i % 5 === 0 ? `delete_item_${i}` : `get_item_${i}`,
  description: `Tool number ${i}.`,
  inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
}));
const server = new Server({ name: 'paged-test-server', version: '1.0.0' }, { capabilities: { tools: {} } });
server.setRequestHandler(ListToolsRequestSchema, async (request) => {
  const start = Number(request.params?.cursor ?? '0');
  const tools = all.slice(start, start + 10);
  const next = start + 10;
  return next < all.length ? { tools, nextCursor: String(next) } : { tools };
});
await server.connect(new StdioServerTransport());
