import type { JsonObject, ToolDefinition, ToolSource } from '../../core/tool.js';

/** Small builders for the risk engine's unit tests: schema nodes and an OpenAPI tool source. */
export const str = (description = ''): JsonObject => ({ type: 'string', description });
export const obj = (properties: JsonObject): JsonObject => ({ type: 'object', properties });
export const arr = (items: JsonObject): JsonObject => ({ type: 'array', items });
export const api = (method: string, path: string, operationId: string, summary?: string): ToolSource => ({
  kind: 'openapi',
  backend: 't',
  method,
  path,
  operationId,
  ...(summary ? { summary } : {}),
});

/** The source of an invented MCP tool. */
export const mcpSource: ToolSource = { kind: 'mcp', server: 't' };

/** An invented tool definition: name, description and the properties of its input schema. */
export const toolDef = (
  name: string,
  description: string,
  props: JsonObject,
  extra: Partial<ToolDefinition> = {},
): ToolDefinition => ({ name, description, inputSchema: obj(props), ...extra });
