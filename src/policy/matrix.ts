import type { Effect, ToolTarget } from '../core/decision.js';
import type { Principal } from '../core/principal.js';
import type { PolicyEngine } from './engine.js';

export interface MatrixRow {
  agent: string;
  tool: string;
  backend: string;
  risk: string;
  effect: Effect;
  /** What an agent sees in tools/list (a tool with an argument condition is listed; the call decides). */
  visible: boolean;
  rule: string;
  /** The decision's reasons (JSON only; the CSV keeps its columns). */
  reasons: string[];
}

/**
 * Principal × tool with the effect and deciding rule, from the real decision in listing mode: without arguments,
 * so a rule with an argument condition shows as "decided per call" in the reasons of the decision it would make.
 */
export function permissionMatrix(
  engine: PolicyEngine,
  agents: readonly string[],
  tools: readonly ToolTarget[],
): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const agent of agents) {
    const p: Principal = { agent, method: 'api-key' };
    for (const t of tools) {
      const d = engine.listing(p, t);
      rows.push({
        agent,
        tool: t.name,
        backend: t.backend,
        risk: t.risk.level,
        effect: d.effect,
        visible: d.effect !== 'deny',
        rule: d.rule,
        reasons: d.reasons,
      });
    }
  }
  return rows;
}

const csvCell = (v: string | boolean) => {
  const s = String(v);
  // Quote when needed; a leading = + - @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function matrixCsv(rows: readonly MatrixRow[]): string {
  const head = ['agent', 'tool', 'backend', 'risk', 'effect', 'visible', 'rule'] as const;
  return [head.join(','), ...rows.map((r) => head.map((h) => csvCell(r[h])).join(','))].join('\n') + '\n';
}
