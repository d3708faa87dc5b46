/** MCP annotations and `_meta` for the tools Portcullis serves, derived from the assessment only. */
import type { JsonObject, ToolAnnotations } from '../core/tool.js';
import type { Finding, RiskAssessment } from './types.js';

export const riskMetaKey = 'io.portcullis/risk';

/**
 * Hints consistent with the assessment. Portcullis claims `destructiveHint: false` only for changes it
 * recognised as purely additive, and `idempotentHint: true` only where repeating is known to be harmless.
 *
 * Mapping (docs/risk.md): `none` → read-only; `external` (reaches third parties or spends money, changes
 * none of the caller's data) → `readOnlyHint: false`, `destructiveHint: false`, `idempotentHint: false`,
 * `openWorldHint: true`, so clients that auto-approve read-only tools ask before a crawl or a paid call;
 * `data-change` / `irreversible` as below. `openWorldHint` is true for anything not clearly local.
 */
export function annotationsFor(assessment: RiskAssessment): ToolAnnotations {
  const readOnly = assessment.sideEffect === 'none';
  const external = assessment.sideEffect === 'external';
  const hints = assessment.hints;
  const destructive =
    !readOnly &&
    (assessment.sideEffect === 'irreversible' ||
      assessment.categories.includes('destructive') ||
      (!external && hints?.additive !== true));
  return {
    readOnlyHint: readOnly,
    destructiveHint: destructive,
    idempotentHint: readOnly || (!external && hints?.idempotent === true),
    openWorldHint: external || (hints?.openWorld ?? true),
  };
}

/** The assessment and findings as they travel in a tool's `_meta` under `io.portcullis/risk`. */
export function riskMeta(assessment: RiskAssessment, findings: readonly Finding[]): JsonObject {
  const risk: JsonObject = {
    level: assessment.level,
    categories: [...assessment.categories],
    sideEffect: assessment.sideEffect,
    reasons: [...assessment.reasons],
    findings: findings.map((f) => ({ severity: f.severity, kind: f.kind, message: f.message })),
  };
  if (assessment.override) risk.override = { reason: assessment.override.reason };
  return { [riskMetaKey]: risk };
}
