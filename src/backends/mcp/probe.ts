/**
 * One-shot probe of a stdio MCP server: start it, list every tool (walking pagination), stop it.
 * Used by `portcullis scan mcp`; the long-lived upstream pool lives elsewhere in this folder.
 */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import { describeSpawnError } from './spawn-error.js';
import type { JsonObject, ToolDefinition } from '../../core/tool.js';
import { packageVersion } from '../../core/version.js';

export interface ProbeOptions {
  command: string;
  args?: string[];
  cwd?: string;
  /** Extra environment variables for the server (added to the SDK's safe default environment). */
  env?: Record<string, string>;
  /** Request timeout per MCP request, in ms (default 30 s). */
  timeoutMs?: number;
  /** Upper bound on pages walked, against a server that never stops paginating (default 1000). */
  maxPages?: number;
}

export interface ProbeResult {
  serverName?: string;
  serverVersion?: string;
  tools: ToolDefinition[];
}

/** Start a stdio MCP server, list all of its tools and close it (also on failure). */
export async function probeStdioServer(options: ProbeOptions): Promise<ProbeResult> {
  const transport = new StdioClientTransport({
    command: options.command,
    args: options.args ?? [],
    env: { ...getDefaultEnvironment(), ...(options.env ?? {}) },
    stderr: 'ignore',
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  });
  const maxPages = options.maxPages ?? 1000;
  // The SDK walks `nextCursor` itself when no cursor is given (bounded by listMaxPages).
  const client = new Client({ name: 'portcullis-scan', version: packageVersion() }, { listMaxPages: maxPages });
  const timeout = options.timeoutMs ?? 30_000;
  try {
    await client.connect(transport, { timeout }).catch((e: unknown) => {
      throw describeSpawnError(e, options.command, options.cwd ?? process.cwd()) ?? e;
    });
    const result = await client.listTools(undefined, { timeout, cacheMode: 'bypass' });
    const tools = result.tools.map((tool) => toDefinition(tool));
    const info = client.getServerVersion();
    return {
      ...(info?.name !== undefined ? { serverName: info.name } : {}),
      ...(info?.version !== undefined ? { serverVersion: info.version } : {}),
      tools,
    };
  } finally {
    await client.close().catch(() => undefined);
    await transport.close().catch(() => undefined);
  }
}

function toDefinition(raw: JsonObject): ToolDefinition {
  const def: ToolDefinition = {
    name: String(raw.name),
    inputSchema: isObject(raw.inputSchema) ? raw.inputSchema : { type: 'object' },
  };
  if (typeof raw.title === 'string') def.title = raw.title;
  if (typeof raw.description === 'string') def.description = raw.description;
  if (isObject(raw.outputSchema)) def.outputSchema = raw.outputSchema;
  if (isObject(raw.annotations)) def.annotations = raw.annotations;
  if (isObject(raw._meta)) def._meta = raw._meta;
  return def;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
