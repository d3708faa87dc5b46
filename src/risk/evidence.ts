/**
 * Monotone evidence: every state-changing verb a tool's name or the first sentence of its description
 * carries, and whether it reaches third parties or spends money. These signals only ever raise an
 * assessment; what may lower one is listed (and bounded) in docs/adr/0007-risk-engine-v2.md.
 */
import type { VerbClass } from './lexicon.js';
import { joinCompounds, splitWords, stem } from './tokens.js';
import { allVerbs, severity, type VerbHit } from './verbs.js';

export interface StateSignal {
  cls: VerbClass;
  reason: string;
  /** The verb (stemmed) that gave the signal, when a verb did: later steps ask for it by word, not by reason text. */
  verb?: string;
}

/** Verb classes whose signal nothing but an administrator's override lowers. */
export const neverLowered: ReadonlySet<VerbClass> = new Set([
  'delete',
  'send',
  'pay',
  'deploy',
  'revoke',
  'rotate',
  'exec',
]);

/** Read verbs that are never nouns or service names: what follows them is their object. */
const pureReads = new Set(
  (
    'get list read fetch retrieve describe show view find lookup download export count inspect browse tail watch ' +
    'verify validate'
  ).split(' '),
);

/**
 * Words of never-lowered classes that are also nouns ("workflow run", "site deploy", "pending invite")
 * or adjectives ("empty folders"). As the object of a pure read verb, or in the plural, they name a thing.
 */
export const nounable: ReadonlySet<string> = new Set(
  (
    'run deploy rollout rollback call invite share reply broadcast tweet purchase payout transfer refund charge ' +
    'credit debit dispatch eval reset empty clean clear drop pay drain deposit withdraw remit'
  ).split(' '),
);

/** Words before a verb that make it a noun, a possibility or a negation rather than the tool's action. */
const notAsserted = new Set(
  (
    'a an the this that each every any of for per its their your his her our no not never without cannot can could ' +
    'may might whether if which last latest recent pending previous'
  ).split(' '),
);

/** "can_i_deploy", "should_delete": a question about the action, not the action. */
const questionWords = new Set(['can', 'could', 'should', 'whether', 'may', 'might']);

function isPlural(raw: string): boolean {
  return raw.length > 3 && raw.endsWith('s') && stem(raw) !== raw;
}

/** The word as a noun: a nounable word after a pure read verb, or in the plural. */
function nounUse(raw: string, hit: VerbHit, afterPureRead: boolean): boolean {
  return nounable.has(hit.word) && (afterPureRead || isPlural(raw));
}

/**
 * Every state-changing verb of a name / operationId beyond the governing one. After a pure read verb
 * ("get_workflow_run") only never-lowered verbs count, and not as nouns; after anything else
 * ("compute_vm_delete", "archive_then_delete") every unambiguous verb heavier than the governing one does.
 */
export function nameVerbSignals(
  words: readonly string[],
  governing: VerbHit | undefined,
  governingCls: VerbClass,
  label: string,
): StateSignal[] {
  const out: StateSignal[] = [];
  const hits = allVerbs(words);
  const firstPureRead = hits.find((h) => h.cls === 'read' && h.ambiguous !== true && pureReads.has(h.word));
  for (const h of hits) {
    const afterPureRead = firstPureRead !== undefined && firstPureRead.index < h.index;
    if (h.cls === 'read' || h.ambiguous === true || (governing !== undefined && h.index <= governing.index)) continue;
    const raw = words[h.index] ?? '';
    const prev = words[h.index - 1];
    if (prev === 'or' || prev === 'and' || prev === 'then') {
      out.push({ cls: h.cls, reason: `verb '${h.word}' in ${label}`, verb: h.word });
      continue;
    }
    const asked = questionWords.has(prev ?? '') || questionWords.has(words[h.index - 2] ?? '');
    const afterVerb = hits.some((x) => x.index === h.index - 1 && x.cls !== 'read' && x.ambiguous !== true);
    if (nounUse(raw, h, afterPureRead || afterVerb) || asked || (prev !== undefined && notAsserted.has(prev))) continue;
    if (afterPureRead && !neverLowered.has(h.cls)) continue;
    if (severity(h.cls) <= severity(governingCls) && governingCls !== 'read') continue;
    out.push({ cls: h.cls, reason: `verb '${h.word}' in ${label}`, verb: h.word });
  }
  return out;
}

/** The first sentence of a description (bounded). Remembers the last one: the classifier and its post-filters
 * (links-removed.ts, marks-removed.ts, prose-nouns.ts, http-action.ts) ask for the same tool's in turn (speed). */
export function firstSentence(description: string): string {
  if (description === lastDescription) return lastSentence;
  const head = description.trimStart().slice(0, 300);
  const end = head.search(/[.!?](\s|$)|\n/);
  lastDescription = description;
  lastSentence = end === -1 ? head : head.slice(0, end);
  return lastSentence;
}
let lastDescription: string | undefined;
let lastSentence = '';

/** What follows a money verb-noun used as a verb: a determiner or the money moved. */
const moneyObjects = new Set(['a', 'an', 'the', 'your', 'fund', 'money', 'amount', 'cash', 'balance', 'payment']);

/** Words after which a verb is the predicate of the tool ("This tool deletes…", "Use it to send…"). */
const subjects = new Set(['to', 'tool', 'it', 'that', 'which', 'who']);
/** Objects that make "run"/"invoke" a light verb ("Run a scan" is a scan). */
const analysisNouns = new Set(
  (
    'scan check review analysis diagnostic diagnostics audit lint report search inspection validation lookup ' +
    'screenshot snapshot look picture photo'
  ).split(' '),
);
/** Light verbs: "Run a scan", "Take a screenshot" name the analysis, not an action of their own. */
const lightVerbs = new Set(['run', 'invoke', 'perform', 'take', 'do']);
const readOnlyQuery = /\bread[- ]?only\b/i;
/** Read verbs that name a query ("a find query", "a search query", "a select query"). */
const readQueryVerbs = new Set(['find', 'search', 'select', 'count', 'lookup', 'get', 'list', 'read']);

/**
 * State-changing verbs asserted in the first sentence of a description ("Deletes a VM", "Use this tool to
 * send…", "Creates and sends…"): only a verb that opens the sentence, follows "to"/"tool"/"it", or is
 * coordinated with one of those is the tool's action; "the run", "users who can delete" are not.
 * After a pure read verb only never-lowered verbs count unless coordinated ("find and replace").
 * `onlyNeverLowered`: for HTTP GET operations, whose method is stated evidence against the lighter verbs.
 * `nameVerb`: the name's governing verb, already judged with its object (not repeated from prose).
 * `openingWords`: the first sentence's words (up to 40), when the caller has them already.
 */
export function proseVerbSignals(
  description: string,
  onlyNeverLowered = false,
  nameVerb?: string,
  openingWords: readonly string[] = splitWords(firstSentence(description), 40),
): StateSignal[] {
  const words = joinCompounds(openingWords);
  const out: StateSignal[] = [];
  let pureReadSeen = false;
  let predicate = false;
  // Where the last predicate verb stood: "List the vm and delete it" coordinates a second predicate after the
  // first one's object (a few words on).
  let lastPredicate = -1;
  const hits = new Map(allVerbs(words).map((h) => [h.index, h]));
  for (let i = 0; i < words.length; i++) {
    const raw = words[i] ?? '';
    const h = hits.get(i);
    const prev = words[i - 1] ?? '';
    // The same verb form as the first predicate ("List … and delete", "Lists … and deletes"): "Search events and
    // replays" coordinates a second object, not a second verb.
    const sameForm = isPlural(raw) === isPlural(words[lastPredicate] ?? '');
    const afterObject =
      lastPredicate !== -1 && i - lastPredicate <= 6 && (prev === 'and' || prev === 'then') && sameForm;
    const atPredicate =
      i === 0 || subjects.has(prev) || (predicate && (prev === 'and' || prev === 'or')) || afterObject;
    predicate = false;
    if (!h || !atPredicate) continue;
    predicate = true;
    lastPredicate = i;
    if (h.cls === 'read') {
      if (pureReads.has(h.word) && h.ambiguous !== true) pureReadSeen = true;
      continue;
    }
    // "Charge the card", "Transfer funds to…": a money verb-noun opening the predicate with its object is the verb.
    const moneyVerb = h.cls === 'pay' && moneyObjects.has(stem(words[i + 1] ?? ''));
    const coordinated = prev === 'and' || prev === 'or' || prev === 'then';
    // After a read verb a nounable word is its object ("get the payout"), unless coordinated ("view it and pay it").
    const asNoun = nounUse(raw, h, pureReadSeen && !coordinated);
    if ((h.ambiguous === true && !moneyVerb) || h.word === nameVerb || asNoun) continue;
    // "Starts creating a backup", "Stops sending": an aspect verb before another verb's -ing form is not a lifecycle.
    if (h.cls === 'lifecycle' && /^[a-z]{3,}ing$/.test(words[i + 1] ?? '')) continue;
    if (pureReadSeen && !neverLowered.has(h.cls) && !coordinated) continue;
    if (onlyNeverLowered && !neverLowered.has(h.cls)) continue;
    const object = words.slice(i + 1, i + 9).map(stem);
    if (lightVerbs.has(h.word) && object.some((w) => analysisNouns.has(w))) continue;
    // "Run a read-only SQL query": a query (its SQL is still caller code, see the field signals).
    if (lightVerbs.has(h.word) && object.includes('query') && readOnlyQuery.test(description)) continue;
    // "Run a find query against a collection": a query named after a read verb reads.
    const queryAt = object.indexOf('query');
    if (lightVerbs.has(h.word) && queryAt > 0 && object.slice(0, queryAt).some((w) => readQueryVerbs.has(w))) continue;
    if (out.some((s) => s.cls === h.cls)) continue;
    out.push({ cls: h.cls, reason: `verb '${h.word}' in description`, verb: h.word });
  }
  return out;
}

const webNameWords = new Set(['crawl', 'crawler', 'scrape', 'scraper', 'spider', 'serp', 'websearch']);
const webProse =
  /\b(web[- ]grounded|web grounding|search(es|ing)? the (web|internet)|web search(es)?|(from|on|across) the (web|internet)|browses? the (web|internet)|crawl(s|ing)?\b|scrap(e|es|ing)\b|(map|crawl|scrape|visit|browse)s? (a |the |any )?websites?|fetch(es)? (a |the |any )?(url|web ?page|website)|from (a |an |the |any |given )?(url|web ?page|website)s?\b)/i;
const stateWords = new Set(['status', 'state', 'result', 'progress', 'history', 'log', 'detail', 'info']);
/** A URL field described as a page or site on the web ("URL of the target page"). */
const webUrlDescription = /\b(web ?page|page|website|site|web)\b/i;
const urlFields = new Set(['url', 'urls', 'website', 'webpage', 'siteurl', 'pageurl', 'targeturl', 'starturl']);
const fetchVerbs = new Set(['fetch', 'scrape', 'crawl', 'extract', 'browse', 'screenshot', 'capture', 'summarize']);
/** Every spending phrase holds one of these words: the long pattern runs only on a description that does (speed). */
const mentionsCost = /credit|cost|billed|charge/i;
const spends =
  /\b(consumes? (\w+ )?credits?|uses? (\w+ )?credits?|costs? (\w+ )?credits?|credits? (are|is) (consumed|charged|deducted)|(each|every|this) (call|request|search|crawl) (costs?|is billed)|charges? (your|the) account)\b/i;

/**
 * Why a tool reaches the open world (third parties, the web) or spends money, if it does: a crawl/scrape or
 * web-search word in its name or opening, fetching a caller-given URL, or a description that says calls cost
 * credits.
 */
export function openWorldReason(
  idWords: readonly string[],
  description: string,
  governing: VerbHit | undefined,
  topLevelFields: ReadonlyArray<{ joined: string; description: string }>,
): string | undefined {
  const stems = idWords.map(stem);
  // "check_crawl_status" reads the state of a crawl; it reaches nothing.
  const endsInState = stateWords.has(stems[stems.length - 1] ?? '');
  // Reading the state of a crawl (a read verb, a state noun last) reaches nothing, whatever the prose says.
  if (endsInState && governing?.cls === 'read') return undefined;
  const nameWeb = endsInState ? undefined : stems.find((w) => webNameWords.has(w));
  if (nameWeb) return `'${nameWeb}' in name reaches the web`;
  if (stems.includes('web') && stems.some((w) => w === 'search' || w === 'fetch' || w === 'browse'))
    return `web search/fetch in name reaches the web`;
  const prose = webProse.exec(description.trimStart().slice(0, 300));
  if (prose) return `description says '${prose[0]}' (reaches the web)`;
  const url = topLevelFields.find((f) => urlFields.has(f.joined));
  if (url && governing !== undefined && governing.cls === 'read' && fetchVerbs.has(governing.word))
    return `verb '${governing.word}' on field '${url.joined}' contacts a third party`;
  if (url && webUrlDescription.test(url.description.slice(0, 200)))
    return `field '${url.joined}' is a web page ('${url.description.slice(0, 40)}')`;
  const cost = mentionsCost.test(description) ? spends.exec(description.slice(0, 1500)) : null;
  if (cost) return `description says '${cost[0]}' (spends money)`;
  // Telephony lookups that query the carriers' databases (GSM's HLR, caller-name CNAM, number portability MNP): a
  // paid third-party query about a phone number, not a local read.
  if (governing !== undefined && governing.cls !== 'read') return undefined;
  const carrier =
    stems.find((w) => carrierLookups.has(w)) ??
    topLevelFields.map((f) => carrierProse.exec(f.description.slice(0, 200))?.[1]).find((w) => w !== undefined);
  if (carrier !== undefined)
    return `'${carrier.toLowerCase()}' lookup queries carrier networks (a paid third-party query)`;
  return undefined;
}

const carrierLookups = new Set(['hlr', 'cnam', 'mnp']);
const carrierProse = /\b(hlr|cnam|mnp)\b/i;
