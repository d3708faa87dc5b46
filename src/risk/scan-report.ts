/** Scan results as the exact JSON contract, a terminal table, or a Markdown report. */
import type { BackendTool, ToolAnnotations, ToolSource } from '../core/tool.js';
import { annotationsFor } from './annotations.js';
import { assessInventory } from './index.js';
import { emptyRiskConfig, type RiskConfig } from './overrides.js';
import { severityRank, type Finding, type RiskAssessment } from './types.js';

export type ScanFormat = 'table' | 'json' | 'md';

export interface ScannedTool {
  name: string;
  source: { kind: 'openapi' | 'mcp'; operationId?: string; method?: string; path?: string };
  risk: Pick<RiskAssessment, 'level' | 'categories' | 'sideEffect' | 'reasons'>;
  /** The MCP annotations Portcullis serves for this tool (exactly `annotationsFor` of the assessment). */
  annotations: ToolAnnotations;
  findings: Finding[];
  quarantined: boolean;
  override?: string;
}

/** The name a scan reports: the original tool name, else the operationId, else "METHOD path". */
export function displayName(tool: BackendTool): string {
  const s = tool.source;
  if (s.kind === 'mcp') return tool.definition.name;
  return s.operationId ?? `${s.method.toUpperCase()} ${s.path}`;
}

function sourceOf(s: ToolSource): ScannedTool['source'] {
  if (s.kind === 'mcp') return { kind: 'mcp' };
  const out: ScannedTool['source'] = { kind: 'openapi' };
  if (s.operationId !== undefined) out.operationId = s.operationId;
  out.method = s.method.toUpperCase();
  out.path = s.path;
  return out;
}

/** Classify and scan a list of backend tools (config overrides and acceptances applied by tool name). */
export function scanInventory(tools: readonly BackendTool[], config: RiskConfig = emptyRiskConfig): ScannedTool[] {
  // Duplicate names (a spec reusing an operationId) get a distinct key so each keeps its own result.
  const seen = new Map<string, number>();
  const named = tools.map((t) => {
    const name = displayName(t);
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return { name, key: n === 1 ? name : `${name} #${n}`, tool: t };
  });
  const results = assessInventory(
    named.map((n) => ({ name: n.key, definition: n.tool.definition, source: n.tool.source })),
    config,
  );
  return named.map(({ name, key, tool }) => {
    const r = results.get(key);
    if (!r) throw new Error(`no assessment for ${name}`);
    const scanned: ScannedTool = {
      name,
      source: sourceOf(tool.source),
      risk: {
        level: r.risk.level,
        categories: r.risk.categories,
        sideEffect: r.risk.sideEffect,
        reasons: r.risk.reasons,
      },
      annotations: annotationsFor(r.risk),
      findings: r.findings,
      quarantined: r.quarantined,
    };
    if (r.risk.override) scanned.override = r.risk.override.reason;
    return scanned;
  });
}

/**
 * Exactly `{"tools":[{"name","source","risk":{level,categories,sideEffect,reasons},"annotations":{readOnlyHint,
 * destructiveHint,idempotentHint,openWorldHint},"findings"}]}`; `annotations` is what agents are told.
 */
export function toJson(tools: readonly ScannedTool[]): string {
  return JSON.stringify(
    {
      tools: tools.map((t) => ({
        name: t.name,
        source: t.source,
        risk: {
          level: t.risk.level,
          categories: t.risk.categories,
          sideEffect: t.risk.sideEffect,
          reasons: t.risk.reasons,
        },
        annotations: t.annotations,
        findings: t.findings.map((f) => ({ severity: f.severity, kind: f.kind, message: f.message })),
      })),
    },
    null,
    2,
  );
}

function worst(findings: readonly Finding[]): string {
  if (findings.length === 0) return '-';
  const top = findings.reduce((a, b) => (severityRank[b.severity] > severityRank[a.severity] ? b : a));
  return `${findings.length} (${top.severity})`;
}

function summary(tools: readonly ScannedTool[]): string {
  const count = (l: string): number => tools.filter((t) => t.risk.level === l).length;
  const q = tools.filter((t) => t.quarantined).length;
  const readOnly = tools.filter((t) => t.risk.sideEffect === 'none').length;
  return `${tools.length} tools: ${count('high')} high, ${count('medium')} medium, ${count('low')} low; ${readOnly} read-only; ${q} quarantined`;
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function toTable(tools: readonly ScannedTool[]): string {
  const rows = tools.map((t) => [
    clip(t.name, 60),
    t.quarantined ? `${t.risk.level} QUARANTINED` : t.risk.level + (t.override ? ' (override)' : ''),
    t.risk.sideEffect,
    t.risk.categories.join(',') || '-',
    worst(t.findings),
    clip(t.risk.reasons.slice(0, 2).join('; '), 90),
  ]);
  const head = ['TOOL', 'RISK', 'SIDE EFFECT', 'CATEGORIES', 'FINDINGS', 'WHY'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string =>
    r
      .map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i] ?? 0) : c))
      .join('  ')
      .trimEnd();
  return [line(head), ...rows.map(line), '', summary(tools)].join('\n');
}

const mdCell = (s: string): string => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function toMarkdown(tools: readonly ScannedTool[], title: string): string {
  const out: string[] = [`# Portcullis risk scan: ${mdCell(title)}`, '', summary(tools), ''];
  out.push('| tool | risk | side effect | categories | findings | reasons |', '|---|---|---|---|---|---|');
  for (const t of tools) {
    const risk = t.quarantined ? `**${t.risk.level}, quarantined**` : t.risk.level + (t.override ? ' (override)' : '');
    out.push(
      `| \`${mdCell(t.name)}\` | ${risk} | ${t.risk.sideEffect} | ${t.risk.categories.join(', ') || '–'} | ${worst(t.findings)} | ${mdCell(t.risk.reasons.join('; '))} |`,
    );
  }
  const flagged = tools.filter((t) => t.findings.length > 0);
  if (flagged.length > 0) {
    out.push('', '## Findings', '');
    for (const t of flagged) {
      out.push(`### \`${mdCell(t.name)}\`${t.quarantined ? ' (quarantined)' : ''}`, '');
      for (const f of t.findings) out.push(`- **${f.severity}** \`${f.kind}\`: ${mdCell(f.message)}`);
      out.push('');
    }
  }
  return out.join('\n');
}

export function formatScan(tools: readonly ScannedTool[], format: ScanFormat, title: string): string {
  if (format === 'json') return toJson(tools);
  if (format === 'md') return toMarkdown(tools, title);
  return toTable(tools);
}
