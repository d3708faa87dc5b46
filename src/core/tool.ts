/** Plain MCP-shaped tool types, kept free of SDK imports so every module can use them. */

export type JsonObject = { [key: string]: unknown };

/** MCP tool annotations (hints; from an upstream they are untrusted). */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

/** A tool definition as MCP `tools/list` carries it. */
export interface ToolDefinition {
  name: string;
  title?: string;
  description?: string;
  inputSchema: JsonObject;
  outputSchema?: JsonObject;
  annotations?: ToolAnnotations;
  _meta?: JsonObject;
}

/** Where a tool comes from, for inventory, risk and audit. */
export type ToolSource =
  | { kind: 'mcp'; server: string }
  | {
      kind: 'openapi';
      backend: string;
      operationId?: string;
      method: string;
      path: string;
      tags?: string[];
      summary?: string;
      /** OAuth scopes named by the operation's security requirements (risk evidence: `admin:org`, `write:*`). */
      scopes?: string[];
      /** The operation's `x-` extensions with scalar values (risk evidence: `x-destructive: true`). */
      extensions?: Record<string, string | number | boolean>;
      /**
       * Risk evidence only, never served: a bounded copy of the JSON array a list operation returns (MCP's
       * `outputSchema` must be an object schema, so such an operation has none; src/backends/openapi/response-evidence.ts).
       */
      responseSchema?: JsonObject;
      /**
       * Risk evidence only, never served: every success response of the operation is 201 Created or 202 Accepted,
       * so it makes a resource or accepts a job (src/backends/openapi/operations.ts).
       */
      createdOnly?: true;
    };

/** A tool as a backend offers it: its own name there plus its definition. */
export interface BackendTool {
  /** Name at the backend (the upstream MCP tool name, or the operation's tool name). */
  localName: string;
  definition: ToolDefinition;
  source: ToolSource;
}

/** A content block of a tool result (MCP shape). */
export type ContentBlock = { type: string } & JsonObject;

/** MCP `CallToolResult`. */
export interface ToolResult {
  content: ContentBlock[];
  structuredContent?: JsonObject;
  isError?: boolean;
  _meta?: JsonObject;
}
