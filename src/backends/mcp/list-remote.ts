/**
 * One-shot listing of the tools and prompts a remote MCP endpoint serves over Streamable HTTP (`portcullis tools
 * verify` connects to a gateway as an agent would). The long-lived upstream pool lives elsewhere in this folder.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

export async function listRemoteDefinitions(
  url: string,
  headers: Record<string, string>,
  timeoutMs = 30_000,
): Promise<{ tools: Record<string, unknown>[]; prompts: Record<string, unknown>[] }> {
  const client = new Client({ name: 'portcullis-verify', version: '0.1.0' }, { listMaxPages: 1000 });
  const transport = new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } });
  try {
    await client.connect(transport, { timeout: timeoutMs });
    const caps = client.getServerCapabilities();
    const tools = caps?.tools
      ? (await client.listTools(undefined, { timeout: timeoutMs, cacheMode: 'bypass' })).tools
      : [];
    const prompts = caps?.prompts ? (await client.listPrompts(undefined, { timeout: timeoutMs })).prompts : [];
    return { tools, prompts };
  } finally {
    await client.close().catch(() => undefined);
  }
}
