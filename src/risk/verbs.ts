/** Finding the action a tool performs from the words of its name, operationId or prose. */
import { notCredentialBefore, openChanges, resolveLooksUp, strongNouns, verbs, type VerbClass } from './lexicon.js';
import { communicationModifier } from './communication.js';
import { runObjectClass } from './run-objects.js';
import { transferObjectClass } from './transfer-objects.js';
import { stem } from './tokens.js';

const order: VerbClass[] = [
  'read',
  'create',
  'comment',
  'update',
  'scale',
  'lifecycle',
  'grant',
  'trigger',
  'send',
  'revoke',
  'rotate',
  'delete',
  'deploy',
  'pay',
  'exec',
];
/** How consequential a verb class is (used to pick among coordinated verbs and enum methods). */
export function severity(cls: VerbClass): number {
  return order.indexOf(cls);
}

export interface VerbHit {
  /** The word as it appears (stemmed). */
  word: string;
  cls: VerbClass;
  index: number;
  /** The word is also a common noun ("review", "request"). */
  ambiguous?: boolean;
}

/** Objects that a reset replaces rather than wipes ("reset_mobile_key", "reset_factors", "reset_login"). */
const resetReplaces = new Set(['key', 'factor', 'login', 'mfa', 'pin']);

/** What a signing call signs when it only returns a signature ("signBlob", "sign_jwt", "SignBytes"). */
const signedData = new Set(['blob', 'jwt', 'byte', 'bytes', 'payload', 'digest', 'hash']);
/** Tokens issued for minutes and handed back, stored nowhere: generating one is a read (with credential-access). */
const shortLivedTokens = new Set(['accesstoken', 'jwt', 'idtoken']);
const tokenKinds = new Set(['id', 'identity', 'session', 'oidc', 'bearer']);

/** Secrets a generator makes up rather than a service issuing them. */
const madeUpSecrets = new Set(['password', 'passwd', 'passphrase']);

/** Classify one word as a verb, with the few verbs whose meaning depends on their object. */
function verbAt(words: readonly string[], i: number): { cls: VerbClass; ambiguous: boolean } | undefined {
  const raw = words[i] ?? '';
  const w = verbs.has(raw) ? raw : stem(raw);
  // "signBlob", "sign_jwt": signing data with a key the service holds returns a signature and stores nothing (a
  // read; classify.ts adds credential-access). Signing a document or an agreement is no verb here.
  if (w === 'sign') return signedData.has(stem(words[i + 1] ?? '')) ? { cls: 'read', ambiguous: false } : undefined;
  const entry = verbs.get(w) ?? prefixed(w);
  if (!entry) return undefined;
  // The other words, only for the few verbs whose meaning depends on their object.
  const others = (): string[] => words.filter((_, j) => j !== i).map(stem);
  const ambiguous = entry.ambiguous === true;
  switch (w) {
    case 'text':
      // "text_user", "textContact": texting someone leads the name. After other words ("vaulttools_text_json_format",
      // "rephrase-text") or before "to" ("text_to_speech", "text_to_image") it is the content, not a send.
      return i === 0 && words[1] !== 'to' ? { cls: entry.cls, ambiguous } : undefined;
    case 'resolve':
      return { cls: others().some((x) => resolveLooksUp.has(x)) ? 'read' : 'update', ambiguous };
    case 'open':
      return { cls: others().some((x) => openChanges.has(x)) ? 'update' : 'read', ambiguous };
    case 'generate': {
      // "generate api key" issues a credential; "generate password" makes up a string (secret-values.ts); a
      // short-lived token (an access or ID token, a JWT) is handed back and stored nowhere: a read (credential-access
      // from its noun).
      const issued = words.filter(
        (x, j) =>
          j !== i &&
          strongNouns['credential-access'].has(stem(x)) &&
          !madeUpSecrets.has(stem(x)) &&
          !notCredentialBefore.has(stem(words[j - 1] ?? '')),
      );
      const shortLived = (x: string): boolean => {
        const j = words.indexOf(x);
        return shortLivedTokens.has(stem(x)) || (stem(x) === 'token' && tokenKinds.has(stem(words[j - 1] ?? '')));
      };
      return { cls: issued.length > 0 && !issued.every(shortLived) ? 'rotate' : 'read', ambiguous };
    }
    case 'post':
    case 'push':
      // Posting or pushing a message, notification or SMS to people sends it ("push_text_message", "post_message");
      // otherwise "post" creates and "push" updates (git push). Not "create": creating a comment, a webhook or a
      // notification registration stores it (dev parts three, eight and ten label those data-change).
      return { cls: sendsCommunication(words, i) ? 'send' : entry.cls, ambiguous };
    case 'reset':
      // Resetting a password or key replaces a credential.
      return {
        cls: others().some((x) => strongNouns['credential-access'].has(x) || resetReplaces.has(x))
          ? 'rotate'
          : 'delete',
        ambiguous,
      };
    case 'capture':
      return { cls: others().some((x) => strongNouns.financial.has(x)) ? 'pay' : 'read', ambiguous };
    case 'run':
      // Running a container starts it; "run an audit" names the analysis: no code runs (run-objects.ts).
      return { cls: runObjectClass(words, i) ?? entry.cls, ambiguous };
    case 'transfer':
      // Transferring a file, a call, a plugin or a project moves no money (transfer-objects.ts).
      return { cls: transferObjectClass(words, i) ?? entry.cls, ambiguous };
    default:
      return { cls: entry.cls, ambiguous };
  }
}

/** A communication noun opens the object of the verb at `i` (within its next three words: "push_flex_message"). */
function sendsCommunication(words: readonly string[], i: number): boolean {
  for (let j = i + 1; j < Math.min(words.length, i + 4); j++)
    if (strongNouns['external-communication'].has(stem(words[j] ?? '')) && !communicationModifier(words, j))
      return true;
  return false;
}

/** "unresolve", "reassign", "deprovision": a prefixed verb changes state like its root (never a read). */
function prefixed(w: string): { cls: VerbClass; ambiguous?: boolean } | undefined {
  if (prefixCache.has(w)) return prefixCache.get(w);
  const out = prefixedUncached(w);
  if (prefixCache.size > 50_000) prefixCache.clear();
  prefixCache.set(w, out);
  return out;
}

const prefixCache = new Map<string, { cls: VerbClass; ambiguous?: boolean } | undefined>();

function prefixedUncached(w: string): { cls: VerbClass; ambiguous?: boolean } | undefined {
  for (const p of ['un', 're', 'de', 'dis']) {
    if (!w.startsWith(p) || w.length - p.length < 3) continue;
    const root = verbs.get(w.slice(p.length));
    // "rerequest", "unresolve": a prefixed verb; a prefixed verb-noun only after "re" ("rerequest", not "deposit").
    if (root && (!root.ambiguous || p === 're'))
      return { cls: root.cls === 'read' ? 'update' : root.cls, ambiguous: true };
  }
  return undefined;
}

/**
 * The governing verb of an identifier: the first unambiguous verb, else the first verb-noun
 * ("request_review" → request). `exclude` skips words already explained (an HTTP-method prefix).
 */
export function governingVerb(words: readonly string[]): VerbHit | undefined {
  let firstAmbiguous: VerbHit | undefined;
  for (let i = 0; i < words.length; i++) {
    const hit = verbAt(words, i);
    if (!hit) continue;
    const raw = words[i] ?? '';
    const h: VerbHit = { word: stem(raw), cls: hit.cls, index: i, ambiguous: hit.ambiguous };
    if (!hit.ambiguous) return h;
    firstAmbiguous ??= h;
  }
  return firstAmbiguous;
}

/** Every verb in an identifier (used to see "create_or_update", "get_or_delete"). */
export function allVerbs(words: readonly string[]): VerbHit[] {
  const out: VerbHit[] = [];
  for (let i = 0; i < words.length; i++) {
    const hit = verbAt(words, i);
    if (hit) out.push({ word: stem(words[i] ?? ''), cls: hit.cls, index: i, ambiguous: hit.ambiguous });
  }
  return out;
}

const proseFiller = new Set(
  (
    'a an the this that these tool tools use used using you your can will should may to it its allows allow lets ' +
    'let helps help for of in on with and or please function endpoint api operation method call when which is ' +
    'are be by from via all any given specified specific one more new existing'
  ).split(' '),
);

/**
 * The first unambiguous verb in the opening of a description or summary ("Creates a refund…",
 * "Use this tool to delete…"). Prose is noisy, so verb-nouns are ignored and only the first
 * `window` content words are looked at.
 */
export function proseVerb(words: readonly string[], window = 24): VerbHit | undefined {
  let seen = 0;
  for (let i = 0; i < words.length && seen < window; i++) {
    const w = words[i] ?? '';
    if (proseFiller.has(w)) continue;
    seen++;
    const hit = verbAt(words, i);
    // Descriptions open with an imperative ("Link test cases…"): there even a verb-noun is the verb.
    if (!hit || (hit.ambiguous && !(seen === 1 && i === 0))) continue;
    const first: VerbHit = { word: stem(w), cls: hit.cls, index: i, ...(hit.ambiguous ? { ambiguous: true } : {}) };
    // "Read or replace the clipboard", "Add, update, or remove": the most consequential coordinated verb.
    let best = first;
    for (let j = i + 1; j < Math.min(words.length, i + 8); j++) {
      const x = words[j] ?? '';
      if (x === 'or' || x === 'and') continue;
      const next = verbAt(words, j);
      if (!next || next.ambiguous) break;
      if (severity(next.cls) > severity(best.cls)) best = { word: stem(x), cls: next.cls, index: j };
    }
    return best;
  }
  return undefined;
}
