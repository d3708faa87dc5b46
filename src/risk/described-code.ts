/**
 * A field described as code the tool runs carries code, whatever its name (twenty-sixth round; docs/risk.md,
 * code-execution).
 *
 * Code fields are found by name (`script`, `command`, `code`, `sql`…), but an API may take caller-written code under a
 * name that says what the code is for: a video service's `filter` ("JavaScript code to be run over each video object")
 * or `source` ("JavaScript code to execute on the video object"). The field's own description saying the code is run
 * or executed is the evidence, as it is for a stored script (field-signals.ts): the tool runs the caller's code, so it
 * is code execution and, like a query, by default `irreversible` (the code may write).
 *
 * Only a string field whose description names code, a script, a function, a snippet or an expression followed by
 * "to (be) run", "to (be) executed", "that is run"…; "the promo code to apply", "an error code to evaluate" or "code
 * of the country" say no such thing.
 */
import type { SchemaField } from './schema-fields.js';

const runsCode =
  /\b(?:code|script|function|snippet|expression)s? (?:that (?:is|will be|gets) |which (?:is|will be|gets) |to (?:be )?)(?:run|ran|execut\w*)\b/i;

/** Why an input field carries code the tool runs, by its description (module comment). */
export function describedCodeReason(fields: readonly SchemaField[]): string | undefined {
  for (const f of fields) {
    if (f.depth > 1 || (f.type !== undefined && f.type !== 'string')) continue;
    const m = runsCode.exec(f.description.slice(0, 200));
    if (m) return `field '${f.name}' says '${m[0]}': the tool runs the caller's code`;
  }
  return undefined;
}
