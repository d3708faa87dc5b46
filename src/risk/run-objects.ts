/**
 * What "run" does with its object (twenty-ninth round; docs/risk.md, code-execution).
 *
 * "Run" is code execution when what runs is code: a command, a script, a query, tests, a pipeline. Two objects of the
 * word name something else:
 * - a container or a pod: the OCI runtime's and Docker's `run` creates a container from its image and starts it
 *   (`docker run` is `docker create` then `docker start`; `kubectl run` starts a pod), so running one starts compute, a
 *   lifecycle on a container (`infrastructure`), as starting it does. A command the caller passes to run inside it is
 *   still code: its field says so (`command`, `cmd`), and that evidence stands apart from the verb.
 * - an analysis: "run an audit", `runSEOAudit`, "run a scan" name the analysis the tool performs, as the light verbs of
 *   a description already do (evidence.ts: "Run a scan" is a scan): the tool reads, or reaches the page it audits.
 *   Not tests, benchmarks or reports: those are code or queries that run.
 * The object is the phrase after the verb (object-phrase.ts: up to four words, determiners skipped, ending at a
 * preposition), or, when
 * "run" ends a name (`container_run`, `seo_audit_run`), the word before it.
 */
import type { VerbClass } from './lexicon.js';
import { objectPhrase } from './object-phrase.js';
import { stem } from './tokens.js';

/** What a container runtime runs: a container or a pod, named or by its engine ("docker run"). */
const containerWords = new Set(['container', 'pod', 'docker', 'podman']);
/** Analyses that "run" only names (the description's light-verb objects, without pictures and reports). */
const analysisWords = new Set([
  'audit',
  'scan',
  'check',
  'analysis',
  'review',
  'lint',
  'diagnostic',
  'diagnostics',
  'inspection',
  'validation',
]);
/** Code that runs: where one of these is in the object, "run" keeps its meaning ("run a command in a container"). */
const codeWords = new Set(['command', 'cmd', 'script', 'code', 'shell', 'exec', 'query', 'sql', 'test', 'job', 'task']);
/** The class of "run" at `i` when its object says no code runs (see the module comment), else undefined. */
export function runObjectClass(words: readonly string[], i: number): VerbClass | undefined {
  const object = objectPhrase(words, i, 4).map((j) => stem(words[j] ?? ''));
  if (object.length === 0 && i > 0) object.push(stem(words[i - 1] ?? ''));
  if (object.some((w) => codeWords.has(w))) return undefined;
  if (object.some((w) => containerWords.has(w))) return 'lifecycle';
  if (analysisWords.has(object[object.length - 1] ?? '')) return 'read';
  return undefined;
}

/** A container engine named beside "run" (`docker-run`): the container it starts is compute, though not named. */
export function containerEngineRun(verb: string | undefined, nameStems: readonly string[]): boolean {
  return verb === 'run' && nameStems.some((w) => containerWords.has(w));
}
