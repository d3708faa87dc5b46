/**
 * The action of an OpenAPI operation: its method first, then the verbs of its operationId, path and summary.
 * A POST is a read only on stated evidence (a leading read verb, a `/search` path, a summary or description
 * opening with a read), and that evidence does not stand against a state change the operation states
 * elsewhere: a write verb coordinated in the summary ("Get/Update payment estimate"), a write verb in the
 * path ("/update-merchant-estimate"), or a one-time code that confirms an action ("verify payout" with
 * `verification_code`).
 */
import type { ToolSource } from '../core/tool.js';
import { pathActionVerb } from './action-param.js';
import { firstSentence, neverLowered } from './evidence.js';
import { runningStop } from './running-stops.js';
import { pluralResource } from './verb-nouns.js';
import type { VerbClass } from './lexicon.js';
import type { SchemaField } from './schema-fields.js';
import { concatWords, joinCompounds, splitIdentifier, splitWords, stem } from './tokens.js';
import { allVerbs, governingVerb, proseVerb, type VerbHit } from './verbs.js';

export interface Action {
  cls: VerbClass;
  reason: string;
  hit?: VerbHit;
  /** The name's verb was lowered by stated evidence (guidance-only description, `<verb> <state noun>`). */
  lowered?: boolean;
}

export const readMethods: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
const readOnlyPostSegments = new Set([
  'search',
  'query',
  'lookup',
  'count',
  'validate',
  'preview',
  'estimate',
  'render',
  'find',
  'msearch',
  'get',
  'list',
  'retrieve',
  'fetch',
]);
/** Words before a read verb that only say "many at once" ("batch-retrieve", "PostSearch…"). */
const batchWords = new Set(['post', 'batch', 'bulk']);
/** Read verbs that, given a one-time code, confirm an action instead of looking at something. */
const confirmingReads = new Set(['verify', 'validate', 'check', 'test']);
/** An input field carrying a one-time / second-factor code ("verification_code", "otp", "2fa_code"). */
const codeQualifiers = new Set(['verification', 'confirmation', 'otp', 'totp', 'mfa', '2fa', 'twofactor', 'security']);
const oneTimeCodeProse =
  /\b(2fa|two[- ]factor|one[- ]time|verification|confirmation) (auth(entication)? )?(code|pin|token)s?\b/i;

/** An input field that takes a one-time code (named so, or described as one). */
function oneTimeCodeField(fields: readonly SchemaField[]): SchemaField | undefined {
  return fields.find(
    (f) =>
      f.depth <= 1 &&
      f.type !== 'boolean' &&
      (f.joined === 'otp' ||
        f.joined === 'totp' ||
        (f.words.some((w) => codeQualifiers.has(w)) && f.words.some((w) => w === 'code' || w === 'pin')) ||
        ((f.joined === 'code' || f.joined === 'pin') && oneTimeCodeProse.test(f.description))),
  );
}

/**
 * A state-changing verb the summary coordinates with its opening read ("Get/Update payment estimate",
 * "Get or create …"): the read does not speak for the whole operation.
 */
function coordinatedWrite(summary: string): VerbHit | undefined {
  const words = splitWords(summary, 6);
  const hits = allVerbs(words);
  const first = hits[0];
  if (first?.index !== 0 || first.cls !== 'read') return undefined;
  return hits.find(
    (h) =>
      h.cls !== 'read' &&
      h.ambiguous !== true &&
      (h.index === 1 || (h.index === 2 && (words[1] === 'or' || words[1] === 'and'))),
  );
}

/** Switch words that say the call keeps what it is sent ("override", "discardData", "save_results"). */
const keepingSwitches = new Set(
  ['save', 'store', 'persist', 'keep', 'discard', 'override', 'overwrite', 'upsert'].map(stem),
);

/** A boolean input that decides whether the call stores or replaces data: the call is no pure read. */
function keepsInput(fields: readonly SchemaField[]): boolean {
  return fields.some((f) => f.type === 'boolean' && f.words.some((w) => keepingSwitches.has(w)));
}

/**
 * The description's first sentence after the summary states a change ("Test Firehose Webhook. Trigger a test
 * payload to be sent…"): an ambiguous read that opens the summary ("Test", "Review", "Report") then names the
 * object of that change, not a look.
 */
function describesChange(summary: string, description: string): boolean {
  const rest = description.startsWith(summary) ? description.slice(summary.length).trim() : description;
  return allVerbs(splitWords(firstSentence(rest), 30)).some((h) => h.cls !== 'read' && h.ambiguous !== true);
}

/** Phrasal verbs a summary may be made of that the verb lexicon does not read ("SIGN UP", "Log in"). */
const phrasalSummary = /\b(sign|log) ?(up|in|on|out)\b/i;

/**
 * What the description says a POST does when neither its name nor its summary has a verb: the first sentence (after
 * the summary, which the imported description starts with) leads with a read verb ("API to verify Valuation
 * Certificate.", "Evaluate the overall tonality of the text."; fillers such as "API to" skipped: `proseVerb`'s window
 * of one) and holds no other verb that changes anything. Not "Returns…" (a sentence about the response), not an
 * ambiguous verb-noun ("Reports message or user for review"), not a summary made of a phrasal verb ("SIGN UP").
 */
function verblessSummaryPurpose(summary: string, description: string): VerbHit | undefined {
  if (summary !== '' && !description.startsWith(summary)) return undefined;
  if (allVerbs(splitWords(summary, 30)).length > 0 || phrasalSummary.test(summary)) return undefined;
  const words = splitWords(firstSentence(description.slice(summary.length).trim()), 30);
  const hit = proseVerb(words, 1);
  if (hit === undefined || hit.cls !== 'read' || hit.word === 'return') return undefined;
  if (hit.ambiguous === true) return undefined;
  if (allVerbs(words).some((h) => h.cls !== 'read' && h.ambiguous !== true)) return undefined;
  return hit;
}

export function httpAction(
  source: Extract<ToolSource, { kind: 'openapi' }>,
  idWords: string[],
  idLabel: string,
  pathSegments: string[][],
  description: string,
  inputFields: readonly SchemaField[],
): Action {
  const method = source.method.toUpperCase();
  if (method === 'DELETE') return { cls: 'delete', reason: 'DELETE method' };
  const summary = source.summary ?? '';
  const nameHit = governingVerb(idWords);
  const fromName = (hit: VerbHit, label = idLabel): Action => ({
    cls: hit.cls,
    hit,
    reason: `verb '${hit.word}' in ${label}`,
  });
  if (readMethods.has(method)) {
    // GET lowers the lighter verbs (ADR 0008): "ContainerArchive", "ImageHistory", "getUserFollow" name what is read;
    // only a never-lowered verb (delete, send, pay, deploy, revoke, rotate, execute) outweighs the method.
    const nameAlsoReads = (): boolean => allVerbs(idWords).some((h) => h.cls === 'read' && h.ambiguous !== true);
    // "Runs_ForRoute": a verb-noun in the plural leading the operationId names the resource read (verb-nouns.ts).
    if (
      nameHit &&
      neverLowered.has(nameHit.cls) &&
      !isMethodPrefix(nameHit, method) &&
      !nameAlsoReads() &&
      pluralResource(nameHit, idWords) === undefined
    )
      return { ...fromName(nameHit), reason: `verb '${nameHit.word}' in ${idLabel} despite ${method}` };
    // A path parameter that picks the action (`/pods/{id}/{action}`: reboot, shutdown, boot) acts despite GET.
    const picked = pathActionVerb(source.path, description, inputFields);
    if (picked)
      return {
        // No `hit`: the verb's index is in the parameter's text, not in the operationId's words.
        cls: picked.hit.cls,
        reason: `${method}, but path parameter '{${picked.param}}' takes '${picked.hit.word}'`,
      };
    // "Stop a scan", "Reload the configuration file": stopping or reloading a running thing acts (running-stops.ts).
    const stops = runningStop(nameHit, [summary, description]);
    if (stops)
      return { ...fromName(stops), reason: `verb '${stops.word}' in ${idLabel} and description despite ${method}` };
    return { cls: 'read', reason: `${method} method` };
  }
  // The path's and the summary's verbs, read only past DELETE and the read methods (speed).
  const last = pathSegments[pathSegments.length - 1] ?? [];
  const pathHit = governingVerb(concatWords(pathSegments));
  const summaryHit = proseVerb(splitWords(summary, 30), 8);
  // A read verb does not make a POST/PUT/PATCH a read, except a leading one on POST (below).
  const specific = [nameHit, pathHit, summaryHit].find(
    (h) => h !== undefined && !isMethodPrefix(h, method) && h.cls !== 'read',
  );
  if (method === 'POST') {
    const lastWord = stem(last[last.length - 1] ?? '');
    // A read verb that leads the operationId ("searchIssues", "PostSearch…") or ends the path ("/_search").
    const leadingRead =
      nameHit?.cls === 'read' &&
      nameHit.ambiguous !== true &&
      (nameHit.index <= 1 ||
        (nameHit.index === 2 && idWords[0] === 'post') ||
        nameHit.index === dottedMethodStart(source.operationId)) &&
      !allVerbs(idWords).some((h) => h.index < nameHit.index && h.cls !== 'read' && !batchWords.has(h.word));
    if (leadingRead || readOnlyPostSegments.has(lastWord)) {
      const word = leadingRead ? nameHit.word : lastWord;
      // Stated evidence of a change outweighs the read verb of a POST.
      const code = confirmingReads.has(word) ? oneTimeCodeField(inputFields) : undefined;
      if (code)
        return {
          cls: 'update',
          reason: `POST '${word}' with field '${code.name}' (a one-time code confirms an action)`,
        };
      const pathWrite =
        pathHit !== undefined && pathHit.cls !== 'read' && pathHit.ambiguous !== true ? pathHit : undefined;
      const also = pathWrite ?? coordinatedWrite(summary);
      if (also)
        return {
          cls: also.cls,
          hit: also,
          reason: `POST, verb '${also.word}' in ${also === pathWrite ? 'path' : 'summary'} (not only '${word}')`,
        };
      // "Check in" (a phrasal verb, not a check): recording a worker's, guest's or attendee's arrival or presence
      // writes an event about them (Merriam-Webster: "to report one's presence or arrival").
      if (leadingRead && stem(word) === 'check' && idWords[nameHit.index + 1] === 'in')
        return { cls: 'create', reason: `POST '${word} in': a check-in records an arrival or presence` };
      return { cls: 'read', reason: `POST, but verb '${word}' only reads` };
    }
    // No write verb in the operationId or path, and the summary opens with a read; without a summary, the
    // description's opening read confirms only a read verb-noun that leads the name ("tables.testIamPermissions":
    // "Returns permissions that a caller has…").
    const noWriteVerb = (h: VerbHit | undefined): boolean => h === undefined || h.cls === 'read';
    // A name that only repeats the method ("post_free_end_point", "POST /tags/list.json" named `post_tags_list_json`)
    // states no action of its own: its verb, if any, follows the method word.
    const ownNameHit =
      nameHit !== undefined && isMethodPrefix(nameHit, method) ? governingVerb(idWords.slice(1)) : nameHit;
    const leadsName =
      nameHit !== undefined && (nameHit.index <= 1 || nameHit.index === dottedMethodStart(source.operationId));
    const openingHit =
      summary !== '' ? summaryHit : leadsName ? proseVerb(splitWords(firstSentence(description), 30), 8) : undefined;
    const keeps = keepsInput(inputFields);
    if (
      noWriteVerb(ownNameHit) &&
      noWriteVerb(pathHit) &&
      openingHit?.cls === 'read' &&
      openingHit.index === 0 &&
      !keeps &&
      source.createdOnly !== true &&
      (openingHit.ambiguous !== true || !describesChange(summary, description))
    )
      return {
        cls: 'read',
        reason: `POST, but ${summary === '' ? 'description' : 'summary'} says '${openingHit.word}'`,
      };
    // A summary that only names its object ("Valuation Certificate"), or none, states no action; the description's
    // opening then does, when it is a read ("API to verify Valuation Certificate."; fillers such as "API to" skipped).
    const purpose = verblessSummaryPurpose(summary, description);
    if (
      noWriteVerb(ownNameHit) &&
      noWriteVerb(pathHit) &&
      purpose?.cls === 'read' &&
      !keeps &&
      source.createdOnly !== true
    )
      return { cls: 'read', reason: `POST, no verb in the name or summary and the description says '${purpose.word}'` };
  }
  if (specific) {
    const label = specific === nameHit ? idLabel : specific === pathHit ? 'path' : 'summary';
    return { ...fromName(specific, label), reason: `${method} method, verb '${specific.word}' in ${label}` };
  }
  return { cls: method === 'POST' ? 'create' : 'update', reason: `${method} method` };
}

/**
 * Where the method name starts in a dotted operationId (`bigtableadmin.projects.tables.getIamPolicy`,
 * Google's `service.resource.method`): a read verb there leads the operation's own name.
 */
function dottedMethodStart(operationId: string | undefined): number {
  const dot = operationId?.lastIndexOf('.') ?? -1;
  if (operationId === undefined || dot <= 0) return -1;
  return joinCompounds(splitIdentifier(operationId.slice(0, dot))).length;
}

/**
 * Where the last resource starts in a dotted operationId (`bigtableadmin.projects.instances.clusters.backups.copy`
 * → `backups.copy`): the resources before it are parents, as parent path segments are; 0 when not dotted.
 */
export function dottedResourceStart(operationId: string | undefined): number {
  const parts = operationId?.split('.') ?? [];
  if (parts.length < 3) return 0;
  return joinCompounds(splitIdentifier(parts.slice(0, -2).join('.'))).length;
}

/** The HTTP method repeated at the start of a generated operationId ("PostCustomers", "GetUsers"). */
function isMethodPrefix(hit: VerbHit, method: string): boolean {
  return hit.index === 0 && hit.word === method.toLowerCase();
}

/**
 * A path key without the fragment or query some specs add to tell operations apart
 * (`/#X-Amz-Target=WorkMailService.CreateGroup`, `/?Action=CreateGroup`): only the operation's own name
 * (after the last `=` and `.`) stays; the service name there is protocol, not what the tool acts on.
 */
function operationPath(path: string): string {
  const cut = path.search(/[#?]/);
  if (cut < 0) return path;
  const suffix = path.slice(cut + 1).replace(/[&;].*$/, '');
  const op = suffix.slice(Math.max(suffix.lastIndexOf('='), suffix.lastIndexOf('.')) + 1);
  return `${path.slice(0, cut)}/${op}`;
}

/** Literal (non-parameter) path segments, each split into words. */
export function literalSegments(path: string): string[][] {
  return operationPath(path)
    .split('/')
    .filter((seg) => seg.length > 0 && !seg.includes('{') && !seg.startsWith(':'))
    .map((seg) => joinCompounds(splitIdentifier(seg)));
}
