/**
 * A query tool's own read-only guarantee. Running a caller's query is code execution (`exec`, never lowered by names or
 * weaker prose), and by default its side effect is `irreversible`: a SQL string may hold DELETE or DROP. A tool whose
 * own description guarantees the query it runs is read-only says otherwise in the one way the statement language
 * itself defines: SQL's SELECT (ISO/IEC 9075-2 <query specification>) and a READ ONLY transaction (SET TRANSACTION,
 * <transaction access mode>; PostgreSQL's default_transaction_read_only) change no data. So "Run one read-only SQL
 * statement", "runs inside a read-only transaction", "Execute a custom SQL SELECT query", "runs only SELECT queries"
 * lower the side effect to `none` (ADR 0008: what may lower an exec verb's side effect). Nothing weaker does: "read-only
 * helper", "does not change anything", a readOnlyHint, a tool's name. The code-execution category and the `high` level
 * stay, and the lowering never happens when any other change is in evidence (a delete, update, send… verb anywhere, a
 * SQL write statement named in the description, destructive wording) or when what runs is code or a command rather
 * than a query.
 */
import type { VerbClass } from './lexicon.js';
import { splitWords } from './tokens.js';
import { allVerbs } from './verbs.js';

/** The description's explicit guarantee that the query it runs only reads. */
const readOnlyQueryProse =
  /\b(read-?only (sql |select |database |db )?(quer(y|ies)|statements?|transactions?)|(sql )?select(,? with,? explain,? or show)? (sql )?(quer(y|ies)|statements?)|(runs?|executes?|allows?|accepts?|permits?) only (sql )?select\b|only select (quer(y|ies)|statements?) (are|is) (allowed|permitted|accepted))/i;
/** A SQL statement that writes, named in capitals as SQL is written ("SELECT, INSERT or UPDATE"). */
const sqlWriteStatement = /\b(INSERT|UPDATE|DELETE|DROP|ALTER|TRUNCATE|MERGE|CREATE|GRANT|REVOKE|UPSERT|REPLACE)\b/;
/** Exec evidence that names a query (a query verb, a field that carries a query), not code, a script or a command. */
const queryEvidence = /\bquer(y|ies)\b|'sql'|query-language/;
const codeEvidence = /code or a command|\bscript|\bshell|\bcommand/;
/** The description takes its guarantee back ("a guardrail, not a sandbox", "following writes will persist"). */
const weakened =
  /\bnot a sandbox\b|\b(writes?|changes?|dml|ddl) (will|can|may|might) (persist|be committed|take effect)\b/i;

/**
 * Why a tool's side effect is `none` although it runs a query: every change it shows is the running of a query (the
 * exec classes' and the code-execution category's reasons name a query, none names code, a script or a command), and
 * its description guarantees the query only reads. Undefined when that is not so. `destructive` is the description's
 * (non-negated) destructive wording, if any.
 */
export function readOnlyQueryReason(
  classes: ReadonlyArray<{ cls: VerbClass; reason: string }>,
  codeExecution: readonly string[],
  description: string,
  destructive: string | undefined,
): string | undefined {
  const changes = classes.filter((c) => c.cls !== 'read');
  if (changes.length === 0 || changes.some((c) => c.cls !== 'exec')) return undefined;
  const evidence = [...changes.map((c) => c.reason), ...codeExecution];
  if (!evidence.some((r) => queryEvidence.test(r)) || evidence.some((r) => codeEvidence.test(r))) return undefined;
  if (destructive !== undefined || sqlWriteStatement.test(description) || weakened.test(description)) return undefined;
  if (destroysBeside(description)) return undefined;
  const m = readOnlyQueryProse.exec(description.slice(0, 600));
  return m ? `description guarantees a read-only query ('${m[0]}'): runs code, changes nothing` : undefined;
}

/** Passive auxiliaries of what the tool does now or will do ("the index is deleted", "rows will be removed"). */
const presentPassive = new Set(['is', 'are', 'be', 'get', 'gets']);

/**
 * A destructive verb anywhere in the description ("…, then deletes them", "the table is dropped afterwards"): the tool
 * destroys something besides running its query. A past participle that reports what happened to a result ("rows were
 * dropped", "when truncated is true") is no action of the tool.
 */
function destroysBeside(description: string): boolean {
  const words = splitWords(description);
  return allVerbs(words).some((h) => {
    if (h.cls !== 'delete') return false;
    const raw = words[h.index] ?? '';
    return !raw.endsWith('ed') || presentPassive.has(words[h.index - 1] ?? '');
  });
}
