/**
 * Credential access is about secret VALUES, not about things named after secrets. A bearer link (a
 * pre-signed or time-limited download URL) is a credential; listing, describing, enabling, labelling or
 * re-permissioning secrets, keys or tokens without reading or setting a value is not:
 * - a read whose credential evidence is only nouns (name, path, description, a secret store) keeps the
 *   category only if its declared output holds a field that can carry a value, and never when its
 *   description says it returns metadata ("does not return secret data", "Gets metadata for…");
 * - a change whose credential evidence is only nouns keeps it when it deletes, rotates or revokes the
 *   credential, or creates one, or sends a field that can carry a value; an update that sends none
 *   (enable/disable, patch labels, set a policy) or a description that says metadata / "containing no"
 *   does not; deleting an item out of a secret store is destructive, not credential access.
 * Value evidence (a returned secret field, a field that sets a credential, a signed link) is never dropped.
 */
import type { VerbClass } from './lexicon.js';
import { outputSecrets } from './schema-evidence.js';
import { metadataTails, namedSecret, type SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';
import { stem } from './tokens.js';

/** A pre-signed URL, temporary credentials, or a link that expires: bearer credentials. A link whose own expiry the
 * description states ("a secure url; UTC date/time of when the link expires", "the URL expires after an hour") is one
 * too: a URL only expires when holding it is what grants access (a capability URL, W3C TAG "Good Practices for
 * Capability URLs": such URLs should expire), as a pre-signed URL's X-Amz-Expires does. */
const bearerProse =
  /\b(pre-?signed (url|link)s?|signed (url|link)s?|temporary (security )?credentials?|(temporary|time-limited|expiring|short-lived) (download )?(url|link)s?|(url|link)s? (to [\w -]{1,40}?)?(that'?s |that is |which is )?(valid|good|usable) for (up to )?(\d+|one|an?|ten|five|fifteen|thirty|sixty) (seconds?|minutes?|hours?|days?)|(the |this |each |a )(url|link) (that |which )?(will )?expires?|(url|link)(')?s (expiry|expiration)( date| time)?)\b/i;

/** Every alternative of bearerProse names a URL, a link or credentials. */
const bearerWord = /url|link|credential/i;
/** bearerProse's match, tested only where one of its words is (most field descriptions have none; speed). */
function bearerLink(text: string): RegExpExecArray | null {
  return bearerWord.test(text) ? bearerProse.exec(text) : null;
}

/** Output fields that may carry a secret's value, besides the named secrets. */
const mayHoldSecret = new Set([
  'value',
  'data',
  'content',
  'key',
  'payload',
  'plaintext',
  'material',
  'pem',
  'body',
  'sshkey',
  'privatekey',
  // A key's value under its own name ("keyString" of an API key, "keyMaterial", "keyValue").
  'keystring',
  'keyvalue',
  'keymaterial',
  // A password's hash (a shadow file's or a user table's entry): cracked offline into the password, or accepted in its
  // place where a protocol takes the hash (pass-the-hash; CWE-916, CWE-836). Twenty-sixth round.
  'passwordhash',
  'pwdhash',
  'passwdhash',
]);

/** The description says only metadata is read or written, or that no value is returned. */
const metadataProse =
  /\b((gets?|returns?|lists?|describes?|retrieves?|updates?|changes?|modif(y|ies)|sets?|edits?|patch(es)?)( only)? (the )?metadata\b(?! and)|(metadata|names?|ids|identifiers) only|contain(s|ing)? no \w+|(does(n't| not)|never|will not|won't) (return|include|expose|reveal|contain)s? (the |any )?(secret|sensitive|key|token|password)s? ?(data|values?|material|payload)?)/i;

/** "Returns item IDs, titles, categories, and vault IDs": what is returned is listed, and all of it is metadata. */
const returnsList = /\breturns? ([^.;:]{1,160})/gi;
const metadataItem =
  /(^|\s)(ids?|identifiers?|titles?|names?|categor(y|ies)|tags?|types?|dates?|status(es)?|labels?|urls?|counts?)$/i;
function metadataList(description: string): RegExpExecArray | null {
  for (const m of description.matchAll(returnsList)) {
    const items = (m[1] ?? '').split(/,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+/).map((x) => x.trim());
    if (items.length >= 2 && items.every((x) => metadataItem.test(x))) return m;
  }
  return null;
}

/** Credential reasons that only name something (nouns, stores, prose objects), not a value read or set. */
const namesOnly =
  /^(reads )?noun '|^object '|^nouns '|^'[\w-]+' in (name|operationId|path segment|description|tag)|^reads what a '/;
/** Reasons that only say a secret store is involved (an item of it, the store in prose). */
const storeOnly = /^reads what a '|^'(vault|keyring|keychain|keystore|secretmanager|passwordmanager)' in /;

const keepsOnChange = new Set<VerbClass>(['delete', 'rotate', 'revoke', 'create', 'exec', 'send']);

/** Why a tool hands out a bearer link (description or a returned field's description), if it does. */
export function bearerLinkReason(description: string, outputFields: readonly SchemaField[]): string | undefined {
  const prose = bearerLink(description.slice(0, 400));
  if (prose) return `description says '${prose[0]}'`;
  for (const f of outputFields) {
    if (f.depth > 2 || (f.type !== undefined && f.type !== 'string')) continue;
    const m = bearerLink(f.description.slice(0, 200));
    if (m) return `response field '${f.name}' is '${m[0]}'`;
  }
  return undefined;
}

/** A switch that makes a read return secret values in clear ("reveal", "WithDecryption", "showSecrets"). */
const revealSwitch =
  /^(with)?(reveal|decrypt|decryption|unmask|plaintext)|^(show|include|return|expose)(secret|password|plaintext|concealed)/;

/** A sent field described as secret key material ("The Base64 encoded secret key", "the shared secret"). */
const keyMaterialProse =
  /\b((secret|private|shared|symmetric|signing|encryption|hmac) keys?|key material|shared secrets?|secret values?)\b/i;

/** Why a change sends secret key material under a plain name (`key`, `value`), if it does. */
export function keyMaterialReason(inputFields: readonly SchemaField[]): string | undefined {
  const f = inputFields.find(
    (x) =>
      x.depth <= 1 &&
      // "kmsKeyName: the encryption key that protects…" names a key; it sends none.
      !metadataTails.has(x.words[x.words.length - 1] ?? '') &&
      (x.type === undefined || x.type === 'string') &&
      keyMaterialProse.test(x.description.slice(0, 200)),
  );
  return f ? `field '${f.name}' is '${keyMaterialProse.exec(f.description)?.[0] ?? ''}'` : undefined;
}

/**
 * A PKCS #12 key container (RFC 7292, Personal Information Exchange Syntax: a `.p12` or `.pfx` file bundles a private
 * key with its certificate chain, as APNs certificates are delivered) is key material itself: reading or uploading one
 * moves a private key, whatever its field is called (value evidence).
 */
const keyContainer = /(?:^|[^a-z0-9])(pkcs ?#? ?12|p12|pfx)(?![a-z0-9])/i;

/** Why the name, path or description's opening names a PKCS #12 key container, if it does. */
export function keyContainerReason(texts: readonly string[]): string | undefined {
  for (const text of texts) {
    const m = keyContainer.exec(text);
    if (m) return `'${m[1] ?? ''}' is a PKCS #12 key container (RFC 7292: a private key with its certificates)`;
  }
  return undefined;
}

/** The description says a secret-named value is returned ("The endpointSecretKey is returned for…"). */
/** The secret words both patterns below require. */
const secretWordProse = /secret|password|passphrase|private_?key|api_?key/i;
const returnedSecretProse =
  /\b(?:the |its |an? )?`?([A-Za-z_]*(?:secret|password|passphrase|private_?key|api_?key)[A-Za-z_]*)`? (?:is|are) (?:also )?(?:returned|included in the response)\b/i;

/** The description says each returned item carries a secret-named value ("Each application has its own client_id and
 * api_key"): what the items hold is what a read of them returns. */
const itemSecretProse =
  /\b(?:each|every) [a-z-]{2,30} (?:has|carries|includes|contains|comes with) (?:its own |an? |the )?(?:`?[\w-]+`?(?:, | and | or )){0,3}`?([A-Za-z_]*(?:secret|password|passphrase|private_?key|api_?key)[A-Za-z_]*)`?/i;

/** Why the description says a secret value is returned, if it does (value evidence, reads too). */
export function returnedSecretReason(description: string): string | undefined {
  const text = description.slice(0, 600);
  // Both patterns need a secret word; most descriptions have none, and the patterns are slow to fail (speed).
  if (!secretWordProse.test(text)) return undefined;
  const m = returnedSecretProse.exec(text) ?? itemSecretProse.exec(text);
  return m ? `description says '${m[0].trim()}'` : undefined;
}

/** Who an API issues keys to: an app's, application's or client's keys are its API keys (Ably's "app keys", Datadog's
 * "application keys", Trello's "app key"), the credential it authenticates with, not lookup keys. */
const keyOwners = new Set(['app', 'application', 'client']);
const ownKeys = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined && b !== undefined && keyOwners.has(stem(a)) && stem(b) === 'key';

/**
 * Why a read returns the API keys of an app, application or client, if it does: the path's last literal segment is
 * `keys` right under `apps` / `applications` / `clients` (`/apps/{app_id}/keys`), or the name or the description's
 * opening says "app keys" / "application keys". Noun evidence only: `secretValuesOnly` still drops it when the declared
 * output holds no field that can carry a value or the description says metadata.
 */
export function appKeysReason(ctx: {
  cls: VerbClass;
  pathSegments: readonly (readonly string[])[];
  nameWords: readonly string[];
  opening: string;
}): string | undefined {
  if (ctx.cls !== 'read') return undefined;
  const last = ctx.pathSegments.at(-1);
  const parent = ctx.pathSegments.at(-2);
  if (last?.length === 1 && parent?.length === 1 && ownKeys(parent[0], last[0]))
    return `'appkey' in path segment '/${parent[0] ?? ''}/{…}/${last[0] ?? ''}' (an app's keys are its API keys)`;
  for (let i = 0; i + 1 < ctx.nameWords.length; i++)
    if (ownKeys(ctx.nameWords[i], ctx.nameWords[i + 1])) return `'appkey' in name (an app's keys are its API keys)`;
  const m = /\b(?:app|application|client)[ _-]?keys?\b/i.exec(ctx.opening);
  return m ? `'appkey' in description '${m[0]}' (an app's keys are its API keys)` : undefined;
}

/** Why a read returns secret values on request (a reveal/decrypt switch in its input), if it does. */
export function revealReason(inputFields: readonly SchemaField[]): string | undefined {
  const f = inputFields.find((x) => x.depth === 0 && x.type === 'boolean' && revealSwitch.test(x.joined));
  return f ? `field '${f.name}' returns secret values in clear` : undefined;
}

/**
 * A field that can carry a secret's value: returned, a string (not a list or record named after secrets);
 * sent, also an object (a JSON Patch `value`), but not the request body's own wrapper.
 */
function holdsValue(f: SchemaField, sent = false): boolean {
  const scalar = f.type === undefined || f.type === 'string' || (sent && f.type === 'object' && f.depth > 0);
  return f.depth <= 2 && scalar && (outputSecrets.has(f.joined) || mayHoldSecret.has(f.joined) || namedSecret(f));
}

/**
 * Drops credential-access that rests only on names when the tool reads or sets no secret value (see the
 * module comment); the reason says which evidence decided.
 */
export function secretValuesOnly(
  s: Signals,
  ctx: {
    writes: boolean;
    cls: VerbClass;
    description: string;
    inputFields: readonly SchemaField[];
    outputFields: readonly SchemaField[];
  },
): void {
  const why = s.categories.get('credential-access');
  if (!why?.every((r) => namesOnly.test(r))) return;
  const drop = (because: string): void => {
    s.categories.delete('credential-access');
    s.reasons.push(`${because} (${why[0] ?? ''}: no secret value)`);
  };
  const metadata = metadataProse.exec(ctx.description.slice(0, 600)) ?? metadataList(ctx.description.slice(0, 600));
  if (!ctx.writes) {
    if (metadata) drop(`description says '${metadata[0]}'`);
    else if (ctx.outputFields.length > 0 && !ctx.outputFields.some((f) => holdsValue(f)))
      drop('declared output holds no field that can carry a secret');
    return;
  }
  if (ctx.cls === 'delete' && why.every((r) => storeOnly.test(r))) {
    drop(`deleting an item of a secret store is destructive`);
    return;
  }
  if (metadata && ctx.cls !== 'delete') {
    drop(`description says '${metadata[0]}'`);
    return;
  }
  if (keepsOnChange.has(ctx.cls)) return;
  const sends = ctx.inputFields.find((f) => holdsValue(f, true));
  if (!sends) drop(`'${ctx.cls}' sends no field that can carry a secret`);
}

/** Fields that name an existing thing (an account, a user, a stored secret) a generated value would be for. */
const namesExisting = new Set(['id', 'ids', 'arn', 'name', 'user', 'username', 'account', 'email', 'login', 'item']);
const generates = /\b(generat\w*|random)\b/i;
const madeUp = /\b(passwords?|passphrases?)\b/i;

/**
 * A generated password: a tool that generates a random password or passphrase and whose input names nothing
 * existing (only length, character classes, word counts) makes up a string no one holds yet; it reads and sets no
 * credential (the labels' judgement call "generating a passphrase locally is a plain read").
 */
export function madeUpSecret(
  s: Signals,
  ctx: { nameWords: readonly string[]; opening: string; inputFields: readonly SchemaField[] },
): void {
  const why = s.categories.get('credential-access');
  if (!why) return;
  const text = `${ctx.nameWords.join(' ')} ${ctx.opening}`;
  if (!generates.test(text) || !madeUp.test(text)) return;
  if (ctx.inputFields.some((f) => f.depth === 0 && namesExisting.has(f.words[f.words.length - 1] ?? ''))) return;
  s.categories.delete('credential-access');
  s.reasons.push(`generates a new ${madeUp.exec(text)?.[0] ?? 'password'} for no one in particular (${why[0] ?? ''})`);
}

const setsField = /^field '([^']+)' sets a credential$/;

/**
 * A token field on a change that acts on no credential (the nouns gave none): a token the call passes (an
 * idempotency `ClientToken`, a `riskToken`, a webhook's token to post with), not a credential it sets. Only
 * fields whose secret word is a bare or qualified "token"; passwords, secrets and keys still count.
 */
export function tokensPassed(s: Signals, inputFields: readonly SchemaField[]): void {
  const why = s.categories.get('credential-access');
  if (!why || why.length === 0) return;
  const fields = why.map((r) => setsField.exec(r)?.[1]);
  const tokenOnly = (name: string | undefined): boolean => {
    const f = name === undefined ? undefined : inputFields.find((x) => x.name === name);
    return f !== undefined && f.words.includes('token') && !f.words.some((w) => strongOther.has(w));
  };
  if (!fields.every(tokenOnly)) return;
  s.categories.delete('credential-access');
  s.reasons.push(
    `${why.map((r) => setsField.exec(r)?.[1] ?? '').join(', ')}: a token the call passes, not a credential it sets`,
  );
}
/** Secret words other than "token" in a field name. */
const strongOther = new Set([
  'secret',
  'password',
  'passphrase',
  'privatekey',
  'secretkey',
  'apikey',
  'credential',
  'accesstoken',
  'refreshtoken',
  'apitoken',
]);
