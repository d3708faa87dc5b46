/**
 * Ending a run is not destroying a thing: cancelling, aborting, killing or terminating an execution (a query,
 * a session, a process, a job, an operation, a search, a call) stops work in progress, as `stop` does; the thing
 * that ran and its data remain and the work can be started again. Such a verb is read as a lifecycle change
 * (a data-change without the destructive category) unless the description says something is lost ("partial
 * results may be lost", "cannot be resumed"). Cancelling an order, a payment or a subscription, or terminating an
 * instance, ends a thing, not a run, and stays a removal.
 */
import { oneWordRuns, type VerbClass } from './lexicon.js';
import { splitWords, stem } from './tokens.js';

const endingVerbs = new Set(['cancel', 'abort', 'kill', 'terminate']);
/** What runs: executions of work, not the things they act on. */
const runNouns = new Set([
  'run',
  'job',
  'query',
  'statement',
  'session',
  'process',
  'operation',
  'search',
  'task',
  'execution',
  'calculation',
  'call',
  'build',
  'pipeline',
  'workflow',
  'scan',
  'crawl',
  'simulation',
  'background',
  'pid',
  ...oneWordRuns,
]);
const lossWording =
  /\b(lost|los(e|es|ing) (any|all|the|its|their|partial)|discard(s|ed)?|cannot be (resumed|restarted|recovered|undone)|can(no|')t be (resumed|restarted)|permanently)\b/i;

export interface ClassSignal {
  cls: VerbClass;
  reason: string;
}

/** The signals with ending verbs on runs turned into lifecycle changes (see the module comment). */
export function endingRuns(
  classes: readonly ClassSignal[],
  where: { idWords: readonly string[]; pathWords: readonly string[]; description: string },
): ClassSignal[] {
  const ending = (c: ClassSignal): boolean =>
    c.cls === 'delete' && /(?:verb|enum value) '(cancel|abort|kill|terminate)'/.test(c.reason);
  if (!classes.some(ending) || lossWording.test(where.description.slice(0, 600))) return [...classes];
  const nameObject = [...where.idWords, ...where.pathWords].map(stem);
  const prose = splitWords(where.description, 60).map(stem);
  return classes.map((c) => {
    if (c.cls !== 'delete') return c;
    // A verb of the name, operationId, title or prose, or an action enum's value (its object is the name's words).
    const m = /(?:verb|enum value) '(\w+)' in (operationId|name|description|title|field)/.exec(c.reason);
    if (!m || !endingVerbs.has(m[1]!)) return c;
    let object: string[];
    if (m[2] === 'description') {
      const at = prose.indexOf(m[1]!);
      object = at < 0 ? [] : prose.slice(at + 1, at + 6);
    } else object = nameObject.filter((w) => w !== m[1]);
    const run = object.find((w) => runNouns.has(w));
    return run ? { cls: 'lifecycle', reason: `${c.reason}: ends a run ('${run}'), destroys nothing` } : c;
  });
}
