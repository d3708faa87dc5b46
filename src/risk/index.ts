/** Risk engine entry point: classify, scan and apply config to a whole inventory at once. */
import type { ToolDefinition, ToolSource } from '../core/tool.js';
import { classifyTool } from './classify.js';
import { acceptanceFor, applyOverrides, emptyRiskConfig, type RiskConfig } from './overrides.js';
import { scanTool } from './poisoning.js';
import type { Finding, RiskAssessment } from './types.js';

export { annotationsFor, riskMeta, riskMetaKey } from './annotations.js';
export { classifyTool } from './classify.js';
export { applyOverrides, acceptanceFor, riskConfigSchema, type RiskConfig } from './overrides.js';
export { scanTool } from './poisoning.js';
export * from './types.js';

export interface InventoryTool {
  name: string;
  definition: ToolDefinition;
  source: ToolSource;
}

export interface InventoryRisk {
  risk: RiskAssessment;
  findings: Finding[];
  /** A critical finding that no administrator accepted: the tool is hidden from every agent. */
  quarantined: boolean;
  /** Present when an administrator accepted this tool's findings. */
  accepted?: { reason: string };
}

/** Where a tool comes from, for "other servers' tools" in the shadowing check. */
function origin(source: ToolSource): string {
  return source.kind === 'mcp' ? `mcp:${source.server}` : `openapi:${source.backend}`;
}

export function assessInventory(
  tools: readonly InventoryTool[],
  config: RiskConfig = emptyRiskConfig,
): Map<string, InventoryRisk> {
  const byOrigin = new Map<string, string[]>();
  for (const t of tools) {
    const key = origin(t.source);
    const list = byOrigin.get(key) ?? [];
    list.push(t.definition.name);
    byOrigin.set(key, list);
  }
  // Names offered by other servers/backends (and not by this one), computed once per origin.
  const othersByOrigin = new Map<string, string[]>();
  for (const [own, ownNames] of byOrigin) {
    const mine = new Set(ownNames);
    othersByOrigin.set(
      own,
      [...byOrigin.entries()]
        .filter(([k]) => k !== own)
        .flatMap(([, names]) => names)
        .filter((n) => !mine.has(n)),
    );
  }
  const out = new Map<string, InventoryRisk>();
  for (const t of tools) {
    const otherToolNames = othersByOrigin.get(origin(t.source)) ?? [];
    const risk = applyOverrides(t.name, classifyTool(t.definition, t.source), config);
    const findings = scanTool(t.definition, { otherToolNames });
    const accepted = acceptanceFor(t.name, config);
    const critical = findings.some((f) => f.severity === 'critical');
    const entry: InventoryRisk = { risk, findings, quarantined: critical && accepted === undefined };
    if (accepted && findings.length > 0) entry.accepted = accepted;
    out.set(t.name, entry);
  }
  return out;
}
