/**
 * Operation lists in a description: a tool whose name is a noun ("dataset", "job") and whose description lists
 * what it does ("Dataset ops: list/get/preview/create/update/delete", "Actions: start, stop, delete", "memory
 * operations (ADD, UPDATE, DELETE, NONE)") may do every operation listed. Each state-changing verb of such a list is monotone evidence (evidence.ts): it only raises.
 */
import { neverLowered, type StateSignal } from './evidence.js';
import { verbs, type VerbClass } from './lexicon.js';
import { splitIdentifier } from './tokens.js';

/** At least three identifiers joined by slashes or pipes: "list/get/delete_file", "create | update | delete". */
const bareList = /(?<![\w/.:@-])[A-Za-z][\w-]*(?:[ \t]?[/|][ \t]?[A-Za-z][\w-]*){2,}(?![\w/.]*[\w/])/g;
/** A heading that announces a list of operations, then the list up to the end of its sentence. */
const headedList =
  /\b(?:ops|operations|actions|commands|subcommands|methods|modes|supports|supported operations)[ \t]*(?::|-|–)[ \t]*([^.;:\n]{1,240})/gi;
/** A list of operations in brackets after their heading ("determine memory operations (ADD, UPDATE, DELETE, NONE)",
 * "debugger actions (run, pause, step)"; thirty-second round): the same list, written as an aside. Not commands in
 * brackets: those are examples of what a console or shell takes ("System-altering commands (Z, CANCEL, FORCE)"), which
 * the tool may block. */
const bracketedList = /\b(?:ops|operations|actions)[ \t]*\(([^().;:\n]{1,240})\)/gi;
/** How many of a bare list's separators (`/`, `|`) a text holds, counting at most two. */
function separatorCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('/'); i !== -1 && n < 2; i = text.indexOf('/', i + 1)) n++;
  for (let i = text.indexOf('|'); i !== -1 && n < 2; i = text.indexOf('|', i + 1)) n++;
  return n;
}
/** Separators between the items of a headed list. */
const itemSeparator = /\s*(?:[/|,]|\bor\b|\band\b)\s*/;

/** The verb an item names, if its first word is a verb in its base form ("delete_file", "buildAndWait"). */
function itemVerb(item: string): { word: string; cls: VerbClass; ambiguous: boolean } | undefined {
  const word = splitIdentifier(item)[0];
  if (word === undefined) return undefined;
  const entry = verbs.get(word);
  return entry ? { word, cls: entry.cls, ambiguous: entry.ambiguous === true } : undefined;
}

/**
 * The state-changing verbs of a list whose items are operations: at least two items open with an unambiguous verb
 * (so "input/output/error" or "TCP/UDP/ICMP" is no list of operations); then every item opening with a
 * state-changing verb counts, the noun-like ones ("build", "release") too, since the list names operations.
 */
function listSignals(items: readonly string[], out: StateSignal[]): void {
  const hits = items.map(itemVerb);
  if (hits.filter((h) => h !== undefined && !h.ambiguous).length < 2) return;
  for (const h of hits) {
    if (h === undefined || h.cls === 'read') continue;
    if (out.some((s) => s.cls === h.cls)) continue;
    out.push({ cls: h.cls, reason: `operation '${h.word}' listed in description` });
  }
}

/**
 * Every state-changing operation a description lists (bounded to its first 1,000 characters). `onlyNeverLowered`
 * keeps only the verbs nothing lowers (for HTTP GET operations, as for prose verbs).
 */
export function operationListSignals(description: string, onlyNeverLowered = false): StateSignal[] {
  const text = description.slice(0, 1000);
  const out: StateSignal[] = [];
  for (const m of text.matchAll(headedList)) listSignals((m[1] ?? '').split(itemSeparator), out);
  // Speed: the bracketed form only where a bracket is.
  if (text.includes('('))
    for (const m of text.matchAll(bracketedList)) listSignals((m[1] ?? '').split(itemSeparator), out);
  // A bare list has at least two separators; without them the pattern is slow to fail at every word (speed).
  if (separatorCount(text) >= 2)
    for (const m of text.matchAll(bareList)) listSignals(m[0].split(/[ \t]?[/|][ \t]?/), out);
  return onlyNeverLowered ? out.filter((s) => neverLowered.has(s.cls)) : out;
}
