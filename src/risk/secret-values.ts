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
import { namedSecret, type SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';

/** A pre-signed URL, temporary credentials, or a link that expires: bearer credentials. */
const bearerProse =
  /\b(pre-?signed (url|link)s?|signed (url|link)s?|temporary (security )?credentials?|(temporary|time-limited|expiring|short-lived) (download )?(url|link)s?|(url|link)s? (to [\w -]{1,40}?)?(that'?s |that is |which is )?(valid|good|usable) for (up to )?(\d+|one|an?|ten|five|fifteen|thirty|sixty) (seconds?|minutes?|hours?|days?))\b/i;

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
]);

/** The description says only metadata is read or written, or that no value is returned. */
const metadataProse =
  /\b((gets?|returns?|lists?|describes?|retrieves?|updates?|changes?|modif(y|ies)|sets?|edits?|patch(es)?)( only)? (the )?metadata\b(?! and)|(metadata|names?|ids|identifiers) only|contain(s|ing)? no \w+|(does(n't| not)|never|will not|won't) (return|include|expose|reveal|contain)s? (the |any )?(secret|sensitive|key|token|password)s? ?(data|values?|material|payload)?)/i;

/** Credential reasons that only name something (nouns, stores, prose objects), not a value read or set. */
const namesOnly =
  /^(reads )?noun '|^object '|^nouns '|^'[\w-]+' in (name|operationId|path segment|description|tag)|^reads what a '/;
/** Reasons that only say a secret store is involved (an item of it, the store in prose). */
const storeOnly = /^reads what a '|^'(vault|keyring|keychain|keystore|secretmanager|passwordmanager)' in /;

const keepsOnChange = new Set<VerbClass>(['delete', 'rotate', 'revoke', 'create', 'exec', 'send']);

/** Why a tool hands out a bearer link (description or a returned field's description), if it does. */
export function bearerLinkReason(description: string, outputFields: readonly SchemaField[]): string | undefined {
  const prose = bearerProse.exec(description.slice(0, 400));
  if (prose) return `description says '${prose[0]}'`;
  for (const f of outputFields) {
    if (f.depth > 2 || (f.type !== undefined && f.type !== 'string')) continue;
    const m = bearerProse.exec(f.description.slice(0, 200));
    if (m) return `response field '${f.name}' is '${m[0]}'`;
  }
  return undefined;
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
  const metadata = metadataProse.exec(ctx.description.slice(0, 600));
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
