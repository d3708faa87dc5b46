/**
 * The funnel: the inventory, risk and side-effect part of the report for an OpenAPI spec or a stdio MCP server,
 * without deploying anything (nothing is stored, no config is needed).
 */
import { basename, extname } from 'node:path';
import { importOpenApiSpec } from '../backends/openapi/index.js';
import { probeStdioServer } from '../backends/mcp/probe.js';
import { namespacedName } from '../backends/naming.js';
import type { BackendTool } from '../core/tool.js';
import { assessInventory } from '../risk/index.js';
import { buildInventoryReport, type ReportMeta } from './build.js';
import type { ToolFacts } from './snapshot.js';
import type { Report } from './types.js';

/** A backend name from a file or command name: what a deployment would likely call it. */
export function backendNameOf(from: string): string {
  const n = basename(from, extname(from))
    .replace(/[^A-Za-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32);
  return n || 'backend';
}

export function factsOfTools(backend: string, tools: readonly BackendTool[]): ToolFacts[] {
  const named = tools.map((t) => ({
    name: t.source.kind === 'openapi' ? t.localName : namespacedName(backend, t.localName),
    tool: t,
  }));
  const assessed = assessInventory(
    named.map((n) => ({ name: n.name, definition: n.tool.definition, source: n.tool.source })),
  );
  return named.map(({ name, tool }) => {
    const a = assessed.get(name)!;
    const d = tool.definition.description ?? tool.definition.title;
    return {
      name,
      backend,
      source: tool.source.kind,
      ...(d ? { description: d } : {}),
      risk: a.risk,
      findings: a.findings,
      quarantined: a.quarantined,
    };
  });
}

export async function specInventoryReport(
  spec: string,
  meta: ReportMeta,
  opts: { name?: string; now?: Date } = {},
): Promise<{ report: Report; warnings: string[] }> {
  const name = opts.name ?? backendNameOf(spec);
  const imported = await importOpenApiSpec(spec, { name });
  const report = buildInventoryReport(
    factsOfTools(name, imported.tools),
    { spec },
    (opts.now ?? new Date()).toISOString(),
    meta,
  );
  return { report, warnings: imported.warnings };
}

export async function mcpInventoryReport(
  command: string,
  args: string[],
  meta: ReportMeta,
  opts: { name?: string; timeoutMs?: number; now?: Date } = {},
): Promise<Report> {
  const probed = await probeStdioServer({ command, args, timeoutMs: opts.timeoutMs ?? 30_000 });
  const name = opts.name ?? backendNameOf(probed.serverName ?? command);
  const tools: BackendTool[] = probed.tools.map((d) => ({
    localName: d.name,
    definition: d,
    source: { kind: 'mcp', server: name },
  }));
  return buildInventoryReport(
    factsOfTools(name, tools),
    { server: [command, ...args].join(' ') },
    (opts.now ?? new Date()).toISOString(),
    meta,
  );
}
