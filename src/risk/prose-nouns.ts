/**
 * Category evidence from what a tool acts on beyond its name: the object of the verb that opens the
 * description ("Unlock the Bitwarden vault", "Retrieve all suppressed email addresses"), and items read
 * out of a secret store ("/vaults/{id}/items/{id}"). Raise only.
 */
import { visibilityNotAudience } from './audience-visibility.js';
import { firstSentence } from './evidence.js';
import { notCredentialBefore, strongNouns, verbs, weakNouns } from './lexicon.js';
import { pictureImage } from './machine-images.js';
import { addCategory, personModifier, publicMaterial, type Signals } from './signals.js';
import { joinCompounds, splitRawWords, stem } from './tokens.js';

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
/** Prepositions that end a person's phrase: "receipts for any user", "messages from a channel". */
const personStops = new Set(['for', 'from', 'in', 'on', 'at', 'across', 'within', 'into']);
/** Marks a possessive ("user's recordings"): the person owns what follows, so is not a mere modifier. */
const possessive = "'s";

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
const messageNouns = new Set(['message', 'conversation', 'chat', 'inbox', 'reply', 'email', 'mail']);
const opens = new Set(['unlock', 'export', 'decrypt', 'dump', 'open', 'reveal']);

/** Prose words (stemmed), with a possessive marker after "user's" / "users'". Letters glued to a digit before
 * them are a name, not a word ("1Password" is no password). */
function proseWords(text: string): string[] {
  const out: string[] = [];
  // Each word adds one or two entries: twenty words are enough for twenty entries.
  for (const raw of splitRawWords(text, 20)) {
    if (out.length >= 20) break;
    const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw.endsWith("'") ? raw.slice(0, -1) : raw;
    out.push(word);
    if (word !== raw) out.push(possessive);
  }
  return joinCompounds(out).map((w) => (w === possessive ? w : stem(w)));
}

/**
 * The opening verb of the first sentence and the (stemmed, fillers skipped) words after it; `person` is
 * the same object cut at a preposition ("receipts for any user": the user is not what is returned).
 */
function opening(description: string): { verb: string; object: string[]; person: string[] } {
  const words = proseWords(firstSentence(description));
  const start = words.findIndex((w, i) => i <= 4 && verbs.has(w));
  if (start === -1) return { verb: '', object: [], person: [] };
  const after = words.slice(start + 1, start + 1 + nounWindow + 4);
  const stop = after.findIndex((w) => clauseStops.has(w));
  const clause = stop === -1 ? after : after.slice(0, stop);
  const object = clause.filter((w) => !skip.has(w) && w !== possessive).slice(0, nounWindow);
  const personStop = clause.findIndex((w) => personStops.has(w));
  const person = (personStop === -1 ? clause : clause.slice(0, personStop))
    .filter((w) => !skip.has(w))
    .slice(0, nounWindow);
  return { verb: words[start] ?? '', object, person };
}

/** A change of who can see or use something; not a purpose ("Open the simulator frontend for visibility": so that the
 * user sees it; thirtieth round). */
const audienceProse =
  /\b(who can (see|view|access|edit|use)|(?<!for )visibility|(?<!file )shar(e|es|ing) (it |them |an? |the )?(\w+ )?(with|to)\b|(team|owner|ownership|organization) assignment|public (sharing |share )?links?\b|which (collections?|teams?|groups?|organizations?) )|\(shar(e|ing)\)/i;

/** The description says what is returned or handled is personal contact or payment data. */
const personalProse =
  /\b(e-?mail address(es)?|phone numbers?|telephone numbers?|(postal|home|mailing|street|billing|shipping) address(es)?|dates? of birth|social security numbers?|payment (information|info|details|methods?|cards?)|bank account (numbers?|details)|card (numbers?|details)|personally identifiable information)\b/i;

export function proseNounSignals(
  s: Signals,
  description: string,
  nameAndPath: readonly string[],
  writes: boolean,
  personWrite = !writes,
  pictureImages: () => boolean = () => false,
): void {
  const stems = nameAndPath.map(stem);
  const store = stems.findIndex((w) => secretStores.has(w));
  if (store !== -1 && stems.slice(store + 1).some((w) => storeContents.has(w)))
    addCategory(s, 'credential-access', `reads what a '${stems[store] ?? ''}' holds`);
  const personal = personWrite ? personalProse.exec(description.slice(0, 400)) : null;
  if (personal) addCategory(s, 'personal-data', `description mentions '${personal[0]}'`);
  // Changing who can see something is administration ("Move (share) an item to an organization", "Edit
  // which collections an item belongs to", "team assignment", "visibility"; a public link lets anyone who holds it
  // see the thing).
  const audience = writes ? audienceProse.exec(description.slice(0, 300)) : null;
  // A window's or a keyboard's visibility, "visibility into" and "AI visibility" are no audience (audience-visibility.ts).
  if (audience && !(/^visibility/i.test(audience[0]) && visibilityNotAudience(description, audience.index)))
    addCategory(s, 'administrative', `description says '${audience[0]}' (who can see it)`);
  const { verb, object, person: personPhrase } = opening(description);
  if (object.length === 0) return;
  // A secret store in the opening counts when its contents are read ("items from your vault") or it is
  // opened ("Unlock the vault"); "Lock the vault", "a folder in your vault" touch no secret.
  const storeWord = object.find((w) => secretStores.has(w));
  const storeRead = storeWord !== undefined && (object.some((w) => storeContents.has(w)) || opens.has(verb));
  const cred =
    object.find(
      (w, i) =>
        strongNouns['credential-access'].has(w) &&
        (writes || !publicMaterial.has(w)) &&
        // "a consistency token", "the next page token" are no secrets (as in names and fields).
        !(i > 0 && notCredentialBefore.has(stem(object[i - 1] ?? ''))),
    ) ?? (storeRead ? storeWord : undefined);
  if (cred)
    addCategory(
      s,
      'credential-access',
      cred === storeWord && opens.has(verb) ? `'${verb}' opens a '${cred}'` : `'${cred}' in description`,
    );
  // A person noun that modifies another ("employee role") is not the object; changing a person's status
  // or access (not adding or reading their record) is no personal data by itself (signals.ts).
  const person = personPhrase.find(
    (w, i) =>
      (strongNouns['personal-data'].has(w) || (w !== 'address' && (weakNouns['personal-data']?.has(w) ?? false))) &&
      !personModifier(personPhrase, i),
  );
  if (person && personWrite && !(writes && messageNouns.has(person)))
    addCategory(s, 'personal-data', `'${person}' in description`);
  if (!writes) return;
  // Deciding an access request is administration ("Approve a pending device authorization request").
  const decision = [verb, ...stems].find((w) => accessDecisions.has(w));
  const access = [...object, ...stems].find((w) => accessRequests.has(w));
  if (decision && access) addCategory(s, 'administrative', `'${decision}' on '${access}'`);
  const admin = object.find((w) => strongNouns.administrative.has(w));
  const adminWeak = object.filter((w) => weakNouns.administrative?.has(w) ?? false);
  if (admin ?? (new Set(adminWeak).size >= 2 ? adminWeak[0] : undefined))
    addCategory(s, 'administrative', `'${admin ?? adminWeak.join(' ')}' in description`);
  // The object of a state-changing opening: "Delete a container registry", "Load a set of images". What an
  // exec verb runs, or where ("Invokes a function", "Runs SQL against a cluster"), is not provisioned or changed.
  const runs = verbs.get(verb)?.cls === 'exec';
  // A weak noun counts only in the head of the object, not where the object sits ("a collection from a database":
  // the phrase is cut at a preposition), nor what a copy was taken of ("a snapshot from a volume": a backup or
  // snapshot is stored data, not what runs; docs/risk.md).
  const head = personPhrase.slice(0, 3);
  const infra = runs
    ? undefined
    : (object.find((w) => strongNouns.infrastructure.has(w)) ??
      head.find((w) => (weakNouns.infrastructure?.has(w) ?? false) && !pictureImage(w, pictureImages)));
  if (infra) addCategory(s, 'infrastructure', `'${infra}' in description`);
}
