/**
 * Words read as verbs that name something else (twenty-ninth round; docs/risk.md, code-execution).
 *
 * - A GET operation whose operationId leads with a never-lowered verb-noun in the plural (`Runs_ForRoute`,
 *   `Runs_ForRun`: a transport timetable's trip runs) names the resource it reads, as its OpenAPI tag does; the
 *   plural of "run", "call", "transfer" or "payout" is a thing, not the operation's verb (evidence.ts already reads a
 *   plural so in names and prose: "workflow runs"). The method reads, as for any GET. A singular verb opening the name
 *   (`RunPipeline` served by GET) still acts.
 * - "Recall" (to bring back to mind; a memory store's recall) reads what was stored; it is not "call" again
 *   (verbs.ts reads re- prefixes as the root verb): lexicon.ts lists it with the read verbs.
 */
import { nounable } from './evidence.js';
import type { VerbHit } from './verbs.js';

/** Why a GET's leading never-lowered verb-noun is a resource name ("Runs_ForRoute"), or undefined. */
export function pluralResource(hit: VerbHit, idWords: readonly string[]): string | undefined {
  const raw = idWords[hit.index] ?? '';
  if (hit.index !== 0 || !nounable.has(hit.word) || raw.length <= 3 || !raw.endsWith('s') || raw === hit.word)
    return undefined;
  return `'${raw}' leads the operationId in the plural: the resource read, not a verb`;
}
