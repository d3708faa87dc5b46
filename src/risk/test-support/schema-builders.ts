import type { JsonObject, ToolDefinition, ToolSource } from '../../core/tool.js';
import { classifyTool } from '../classify.js';
import type { RiskAssessment } from '../types.js';

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

/**
 * Classifies an invented OpenAPI operation named by its route (`'POST /stays/{id}/checkin'`), which is also its
 * source's method and path: the classify call most unit tests make.
 */
export const classifyOperation = (
  route: string,
  operationId: string,
  description: string,
  props: JsonObject,
  extra: Partial<ToolDefinition> = {},
): RiskAssessment => {
  const [method = '', path = ''] = route.split(' ');
  return classifyTool(toolDef(route, description, props, extra), api(method, path, operationId));
};
