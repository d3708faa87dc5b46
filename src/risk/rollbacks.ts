/**
 * Rolling back a commit, a migration or a configuration is no deployment (twenty-seventh round; docs/risk.md,
 * destructive and infrastructure).
 *
 * `rollback` is a deploy verb: rolling a service, a function's traffic or a release back to an earlier revision puts
 * other code in front of users, which is what `infrastructure` marks. Rolled back to an earlier commit of a
 * configuration or a project, or down past a schema migration, nothing is deployed: the changes made since are undone,
 * and with them what they held (a down migration drops the tables or columns it had added; the configuration edits
 * after the commit are gone). That is `destructive`, unless the tool keeps the history (it records the rollback as a
 * new commit, or says the rollback can itself be undone), when it is a plain change. A database transaction's
 * rollback is left to money-roles.ts, and anything deployable named beside the verb keeps the deploy reading.
 */
import type { VerbClass } from './lexicon.js';
import { stem } from './tokens.js';

/** What a rollback here undoes: a version history that holds data, not a running thing. */
const historyNouns = new Set(['commit', 'migration', 'configuration', 'config', 'changeset', 'schema']);
/** Things a rollback deploys (a revision of what runs), or that money-roles.ts reads. */
const deployedNouns = new Set(
  (
    'deployment deploy release rollout traffic revision service function app application stack helm chart image ' +
    'container cluster instance server canary version transaction'
  ).split(' '),
);
const keepsHistory =
  /\b(?:creates? a new [\w' ]{0,20}commit|can undo|undo (?:a|the|this) rollback|reversible by|keeps? (?:the )?history)\b/i;
/** The verbs (stemmed) that roll back. */
const rollbackVerbs = new Set(['rollback', 'roll']);

/**
 * The tool's verb classes with a rollback of a history (module comment) read as a delete, or as a plain change when
 * the history is kept; unchanged otherwise.
 */
export function rollbackOfHistory<T extends { cls: VerbClass; reason: string; verb?: string }>(
  classes: readonly T[],
  words: readonly string[],
  description: string,
): T[] {
  const rollsBack = (c: T): boolean => c.verb !== undefined && rollbackVerbs.has(c.verb);
  if (!classes.some(rollsBack)) return classes as T[];
  const stems = words.map((w) => stem(w.toLowerCase()));
  const history = stems.find((w) => historyNouns.has(w));
  if (history === undefined || stems.some((w) => deployedNouns.has(w))) return classes as T[];
  const kept = keepsHistory.test(description.slice(0, 600));
  const why = kept
    ? `a rollback of a ${history}, kept in history: a plain change, nothing deployed`
    : `a rollback of a ${history} undoes the changes since: nothing deployed, what they held is lost`;
  return classes.map((c) =>
    rollsBack(c) ? { ...c, cls: kept ? 'update' : 'delete', reason: `${c.reason}: ${why}` } : c,
  );
}
