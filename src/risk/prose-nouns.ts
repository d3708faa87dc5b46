/**
 * Category evidence from what a tool acts on beyond its name: the object of the verb that opens the
 * description ("Unlock the Bitwarden vault", "Retrieve all suppressed email addresses"), and items read
 * out of a secret store ("/vaults/{id}/items/{id}"). Raise only.
 */
import { firstSentence } from './evidence.js';
import { strongNouns, verbs, weakNouns } from './lexicon.js';
import { addCategory, type Signals } from './signals.js';
import { joinCompounds, splitWords, stem } from './tokens.js';

/** Weak credential nouns that hold secrets when read ("vault", "keyring"). */
const secretStores = new Set(['vault', 'keyring', 'keychain', 'keystore', 'secretmanager', 'passwordmanager']);
/** What one reads out of a secret store: its secrets. */
const storeContents = new Set(['item', 'entry', 'file', 'content', 'field', 'value', 'record', 'secret', 'login']);
const skip = new Set([
  'a',
  'an',
  'the',
  'all',
  'any',
  'your',
  'my',
  'our',
  'their',
  'its',
  'this',
  'that',
  'each',
  'one',
  'or',
  'of',
  'from',
  'in',
  'for',
  'specific',
  'given',
  'new',
  'existing',
  'current',
  'recent',
  'suppressed',
  'pending',
]);
const nounWindow = 6;
/** Words that end the verb's object ("organizations that the user…"). */
const clauseStops = new Set(['that', 'which', 'who', 'whose', 'where', 'when', 'to', 'with', 'by', 'using', 'via']);

const accessDecisions = new Set(['approve', 'deny', 'reject', 'accept', 'confirm', 'unapprove', 'decline']);
const accessRequests = new Set([
  'authorization',
  'access',
  'membership',
  'member',
  'device',
  'invitation',
  'invite',
  'join',
  'seat',
]);
const messageNouns = new Set(['message', 'conversation', 'chat', 'inbox', 'reply']);
const opens = new Set(['unlock', 'export', 'decrypt', 'dump', 'open', 'reveal']);

/** The opening verb of the first sentence and the (stemmed, fillers skipped) words after it. */
function opening(description: string): { verb: string; object: string[] } {
  const words = joinCompounds(splitWords(firstSentence(description), 20)).map(stem);
  const start = words.findIndex((w, i) => i <= 4 && verbs.has(w));
  if (start === -1) return { verb: '', object: [] };
  const after = words.slice(start + 1, start + 1 + nounWindow + 4);
  const stop = after.findIndex((w) => clauseStops.has(w));
  const object = (stop === -1 ? after : after.slice(0, stop)).filter((w) => !skip.has(w)).slice(0, nounWindow);
  return { verb: words[start] ?? '', object };
}

export function proseNounSignals(
  s: Signals,
  description: string,
  nameAndPath: readonly string[],
  writes: boolean,
): void {
  const stems = nameAndPath.map(stem);
  const store = stems.findIndex((w) => secretStores.has(w));
  if (store !== -1 && stems.slice(store + 1).some((w) => storeContents.has(w)))
    addCategory(s, 'credential-access', `reads what a '${stems[store] ?? ''}' holds`);
  const { verb, object } = opening(description);
  if (object.length === 0) return;
  // A secret store in the opening counts when its contents are read ("items from your vault") or it is
  // opened ("Unlock the vault"); "Lock the vault", "a folder in your vault" touch no secret.
  const storeWord = object.find((w) => secretStores.has(w));
  const storeRead = storeWord !== undefined && (object.some((w) => storeContents.has(w)) || opens.has(verb));
  const cred = object.find((w) => strongNouns['credential-access'].has(w)) ?? (storeRead ? storeWord : undefined);
  if (cred) addCategory(s, 'credential-access', `'${cred}' in description`);
  const person = object.find(
    (w) => strongNouns['personal-data'].has(w) || (w !== 'address' && (weakNouns['personal-data']?.has(w) ?? false)),
  );
  if (person && !(writes && messageNouns.has(person))) addCategory(s, 'personal-data', `'${person}' in description`);
  if (!writes) return;
  // Deciding an access request is administration ("Approve a pending device authorization request").
  const decision = [verb, ...stems].find((w) => accessDecisions.has(w));
  const access = [...object, ...stems].find((w) => accessRequests.has(w));
  if (decision && access) addCategory(s, 'administrative', `'${decision}' on '${access}'`);
  const admin = object.find((w) => strongNouns.administrative.has(w));
  const adminWeak = object.filter((w) => weakNouns.administrative?.has(w) ?? false);
  if (admin ?? (new Set(adminWeak).size >= 2 ? adminWeak[0] : undefined))
    addCategory(s, 'administrative', `'${admin ?? adminWeak.join(' ')}' in description`);
  const infra = object.find((w) => strongNouns.infrastructure.has(w));
  if (infra) addCategory(s, 'infrastructure', `'${infra}' in description`);
}
