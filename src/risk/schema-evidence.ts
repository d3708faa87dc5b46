/**
 * Schemas as evidence: input fields that say a call writes (a SQL field that takes INSERT, a path to delete,
 * a required recipient), output fields that return secrets or personal data, and an OpenAPI operation's
 * security scopes and `x-` extensions. Everything here only raises.
 */
import type { ToolSource } from '../core/tool.js';
import type { StateSignal } from './evidence.js';
import { namedSecret, type SchemaField } from './schema-fields.js';
import { addCategory, type Signals } from './signals.js';
import { specialCategoryFields } from './personal-records.js';

const sqlish = new Set(['query', 'sql', 'statement', 'statements', 'command', 'cmd', 'script', 'cypher', 'expression']);
const writeStatements = /\b(INSERT|UPDATE|DELETE|DROP|ALTER|TRUNCATE|MERGE|UPSERT|GRANT|REVOKE)\b/;
const readOnlyStatement = /\b(read[- ]only|only SELECT|SELECT only|SELECT statements only|only read)\b/i;
const pathish = new Set([
  'path',
  'file',
  'filepath',
  'filename',
  'dir',
  'directory',
  'folder',
  'destination',
  'target',
]);
const pathDeletes =
  /\b(to|be|is|are|gets?) (delete|deleted|remove|removed|overwrite|overwritten|wipe|wiped|erase|erased)\b/i;
const pathWrites =
  /\b(to|be|is|are|gets?) (write|written|save|saved|create|created|move|moved|rename|renamed|modify|modified|edit|edited)\b/i;
const destructiveBooleans = new Set(['delete', 'purge', 'overwrite', 'wipe', 'permanent', 'deletelocaldata', 'erase']);
const requiredRecipients = new Set(['recipient', 'recipients', 'toaddress', 'toemail', 'torecipients', 'cc', 'bcc']);
const messageFields = new Set(['subject', 'body', 'message', 'text', 'html', 'content']);

/** State-changing hints in the input schema (they raise a read; a write only gains reasons). */
export function inputWriteSignals(fields: readonly SchemaField[], required: ReadonlySet<string>): StateSignal[] {
  const out: StateSignal[] = [];
  const hasMessage = fields.some((f) => f.depth === 0 && messageFields.has(f.joined));
  for (const f of fields) {
    if (f.depth > 1) continue;
    const last = f.words[f.words.length - 1] ?? '';
    const desc = f.description.slice(0, 300);
    if ((sqlish.has(f.joined) || sqlish.has(last)) && writeStatements.test(desc) && !readOnlyStatement.test(desc))
      out.push({
        cls: 'exec',
        reason: `field '${f.name}' accepts ${writeStatements.exec(desc)?.[0] ?? ''} statements`,
      });
    else if (pathish.has(last) && f.type !== 'boolean') {
      if (pathDeletes.test(desc))
        out.push({ cls: 'delete', reason: `field '${f.name}' says '${pathDeletes.exec(desc)?.[0] ?? ''}'` });
      // An optional "file to save the output to" on a read is an option, not the tool's action.
      else if (pathWrites.test(desc) && required.has(f.name))
        out.push({ cls: 'update', reason: `field '${f.name}' says '${pathWrites.exec(desc)?.[0] ?? ''}'` });
    } else if (f.type === 'boolean' && f.depth === 0 && destructiveBooleans.has(f.joined))
      out.push({ cls: 'delete', reason: `boolean field '${f.name}'` });
    else if (
      f.depth === 0 &&
      required.has(f.name) &&
      (requiredRecipients.has(f.joined) || (f.joined === 'to' && hasMessage))
    )
      out.push({ cls: 'send', reason: `required field '${f.name}' names recipients` });
  }
  return out;
}

/**
 * Returned fields that carry a secret's value. Besides secrets, passwords and tokens: keys that are credentials by
 * their documented nature (CWE-522 "insufficiently protected credentials", OWASP ASVS V6.4 secret management and
 * V14 configuration): a stream key authenticates a live-stream ingest (RTMP), a mobile or SDK key authenticates a
 * client to a service, a client key is a TLS client's private key, a signing or licence key unlocks what it names.
 * A bare `key` or a key named after what it identifies (`flagKey`, `zoneKey`, `tagKey`, `publicKey`) is an identifier
 * or public material, not a secret; so are `encryptionKey` / `masterKey` in cloud APIs (a KMS key's ARN: AWS
 * CodeBuild's RetryBuildBatch) and `accessKey` (often the access key's id, half of a pair). Returned `keyMaterial`
 * is the key's value (twelfth round: a payment HSM's key export).
 */
export const outputSecrets: ReadonlySet<string> = new Set([
  'streamkey',
  'mobilekey',
  'sdkkey',
  'clientkey',
  'signingkey',
  'licensekey',
  'licencekey',
  'ingestkey',
  'connectionstring',
  'connectionuri',
  'connectionurl',
  'databaseurl',
  'dsn',
  'credentials',
  'credential',
  'secretvalue',
  'privatekey',
  'privatekeypem',
  'kubeconfig',
  'password',
  'clientsecret',
  'secretaccesskey',
  'apikey',
  'apitoken',
  'accesstoken',
  'refreshtoken',
  'sessiontoken',
  'token',
  'secret',
  'secretkey',
  'signingsecret',
  'webhooksecret',
  'passphrase',
  // A key's value itself (NIST SP 800-57 "key material"; exported wrapped under a transport key, it is still the key).
  'keymaterial',
]);
/** Output fields that carry personal data on their own ("email", "ssn") or in pairs ("first_name"…). */
const personalStrong = new Set([
  'email',
  'emailaddress',
  'phone',
  'phonenumber',
  'mobile',
  'mobilephone',
  'ssn',
  'birthdate',
  'dateofbirth',
  'birthday',
  'homeaddress',
  'streetaddress',
  'postaladdress',
  'mailingaddress',
  'postalcode',
  'nationalid',
  'passportnumber',
  'taxid',
  'cardnumber',
  'cardholdername',
  'holdername',
  'accountholdername',
  'billingaddress',
  'shippingaddress',
  'iban',
  'accountnumber',
  'routingnumber',
]);
/** Records of people: a personal field inside one counts alone ("members[].email"). */
const personRecords = new Set(
  (
    'member user contact customer person people subscriber employee recipient attendee owner account profile lead ' +
    'patient card holder cardholder billing shipping'
  ).split(' '),
);
const personalWeak = new Set(['firstname', 'lastname', 'givenname', 'surname', 'familyname', 'gender', 'city', 'zip']);

/**
 * A field of the returned record in a JSON:API document (jsonapi.org 1.1, "Top Level" and "Resource Objects"): the
 * primary data is `data`, a resource object (or a list of them) whose own fields are its `attributes`, so
 * `data.attributes.secretKey` is the record's `secretKey` (the `attributes` member is a level of the format, not of the
 * record). Resources under `included` are related records, not the one returned.
 */
function jsonApiAttribute(f: SchemaField): boolean {
  return f.depth === 2 && f.parent === 'attribute' && f.grandparent === 'data';
}

/**
 * Categories from what a tool returns: secrets (credential-access) and personal data. A personal field of
 * the returned record itself counts alone; deeper, a person's record shows two (an e-mail and a phone…).
 */
export function outputSignals(s: Signals, fields: readonly SchemaField[]): void {
  const deeper = new Set<string>();
  let returnsSecret = false;
  for (const f of fields) {
    // A person's record, or a record of a returned list ("bounces[].email"): its own personal field counts.
    const ofPerson = f.parent !== undefined && (personRecords.has(f.parent) || (f.inList === true && f.depth === 1));
    // A JSON:API attribute counts as the record's own field when named exactly (a secret or personal field), not by
    // the looser secret-word pattern (App Store Connect's `data.attributes.assetToken` names an image asset).
    const attribute = jsonApiAttribute(f);
    if ((attribute ? 1 : f.depth) > (ofPerson ? 2 : 1) || f.enumValues.length > 0) continue;
    // "credentials" is often a list of ids; a secret is a string (or an object holding them).
    const secretType =
      f.type === 'string' || f.type === 'object' || (f.type === undefined && f.joined !== 'credential');
    const secretNamed = outputSecrets.has(f.joined) && secretType;
    if (!returnsSecret && (secretNamed || (f.type === 'string' && !attribute && namedSecret(f)))) {
      // Value evidence: recorded even when names already gave the category (they may be dropped later).
      addCategory(s, 'credential-access', `returns '${f.name}'`, true);
      returnsSecret = true;
    }
    if (s.categories.has('personal-data') || f.type === 'boolean' || mobileFlag(f)) continue;
    const strong = personalStrong.has(f.joined) || specialCategoryFields.has(f.joined) || personAttribute(f);
    if (strong && (f.depth === 0 || ofPerson))
      addCategory(s, 'personal-data', `returns '${ofPerson ? `${f.parent ?? ''}.` : ''}${f.name}'`);
    else if (strong || personalWeak.has(f.joined)) {
      deeper.add(f.joined);
      if (deeper.size >= 2 && [...deeper].some((x) => personalStrong.has(x)))
        addCategory(s, 'personal-data', `returns '${[...deeper].join("', '")}'`);
    }
  }
}

/** Field names that describe a person rather than a login: names, contact and location fields. */
const describesPerson = /name$|email|phone|mobile|address|birth|gender|avatar|photo|picture|location|city|country/;
const loginNames = new Set(['username', 'loginname', 'accountname', 'groupname', 'rolename']);
/** Personal data from the weak noun 'user' alone ("object 'user' in operationId", "'users' in path segment"). */
const userOnly = /^(object )?'users?' in |^nouns 'users?'/;

/**
 * A user whose declared record carries no field about a person (only a login name, groups, access flags: a broker
 * user, an IAM user) is an account, not a person's data: personal data that came from the word 'user' alone is
 * dropped, with the reason. Without declared fields nothing is dropped (no evidence either way). A tool that writes
 * declares its record in its input fields too (`inputFields`; empty for a read).
 */
export function accountOnlyUser(
  s: Signals,
  inputFields: readonly SchemaField[],
  outputFields: readonly SchemaField[],
): void {
  const why = s.categories.get('personal-data');
  if (!why || !why.every((r) => userOnly.test(r))) return;
  // The fields joined only here (speed): most tools have no personal data from 'user' alone.
  const fields = inputFields.length === 0 ? outputFields : [...inputFields, ...outputFields];
  if (fields.length === 0) return;
  const person = fields.some(
    (f) =>
      f.depth <= 2 &&
      !loginNames.has(f.joined) &&
      (personalStrong.has(f.joined) ||
        personalWeak.has(f.joined) ||
        specialCategoryFields.has(f.joined) ||
        personAttribute(f) ||
        describesPerson.test(f.joined)),
  );
  if (person) return;
  s.categories.delete('personal-data');
  const names = fields.slice(0, 4).map((f) => f.name);
  s.reasons.push(`${why[0] ?? ''}, but its fields (${names.join(', ')}…) describe an account, not a person`);
}

/** A person's role in a transfer or a message, as the first word of a field name ("recipient_name"). */
const personRoles = new Set([
  'recipient',
  'beneficiary',
  'payee',
  'payer',
  'sender',
  'customer',
  'cardholder',
  'accountholder',
  'holder',
  'originator',
  'debtor',
  'creditor',
]);
/** What such a field says about the person ("recipient_address_line1", "beneficiary_account_number"). */
const personAttributes =
  /^(name|fullname|address\w*|email\w*|phone\w*|accountnumber|iban|birthdate|dateofbirth|taxid|ssn)$/;

/** A field naming a person's role and one of their attributes: "recipient_name", "payee_address_line1". */
export function personAttribute(f: SchemaField): boolean {
  const role = f.words[0] ?? '';
  return f.words.length >= 2 && personRoles.has(role) && personAttributes.test(f.words.slice(1).join(''));
}

/** A field described as a phone number ("The phone number to look up", "Recipient mobile numbers"). */
const phoneProse = /^(the |a |recipient'?s? |recipients'? )?(phone|mobile|telephone) numbers?\b/i;

/**
 * A numeric `mobile` field is a flag or a count ("Mobile browser: 1 if true, 0 if false"), not a phone number, unless
 * its description says it is a number ("the mobile number of the user", declared as an integer).
 */
function mobileFlag(f: SchemaField): boolean {
  return f.joined === 'mobile' && (f.type === 'integer' || f.type === 'number') && !/\bnumber\b/i.test(f.description);
}

/** A field named as a phone number ("phoneNumber", "mobile": E.164 numbers reach one person's handset). */
const phoneFields = new Set(['phonenumber', 'mobile', 'mobilenumber', 'mobilephone', 'msisdn', 'cellphone']);

/** A field holding a person's name ("fullName", "first_name", "japaneseSurnameLatin"): a name says who the call is
 * about (a company or product name is just "name"). */
const personNameWords = /^(fullname|firstname|lastname|surname|givenname|familyname|middlename|personname)$/;
function personNameField(f: SchemaField): boolean {
  if (f.type === 'boolean' || f.type === 'object' || f.type === 'array' || f.type === 'integer' || f.type === 'number')
    return false;
  if (personNameWords.test(f.joined)) return true;
  return f.words.some((w) => w === 'surname' || w === 'givenname') || /(surname|givenname)/.test(f.joined);
}

/** Input fields that identify a person: an e-mail address or phone number in the call is personal data, and so
 * is a person's attribute under their role ("recipient_address_line1"). */
export function inputPersonalSignals(s: Signals, fields: readonly SchemaField[], writes: boolean): void {
  const f = fields.find(
    (x) =>
      x.depth <= 1 &&
      (x.joined === 'email' ||
        x.joined === 'emailaddress' ||
        x.joined === 'phone' ||
        (phoneFields.has(x.joined) &&
          x.type !== 'boolean' &&
          x.type !== 'object' &&
          x.type !== 'array' &&
          !mobileFlag(x)) ||
        // A read looked up by a person's name is about that person; a change that names something ("full_name" of a
        // repository or a group) may not be (person records written are field-signals.ts's).
        (!writes && personNameField(x)) ||
        personAttribute(x) ||
        (x.depth === 0 && x.type !== 'boolean' && phoneProse.test(x.description.slice(0, 80)))),
  );
  if (f) addCategory(s, 'personal-data', `field '${f.name}'`);
}

const adminScope = /(^|[:._\-/ ])(admin|administrator|owner|superuser|root|manage_users|iam)([:._\-/ ]|$)/i;
const writeScope = /(^|[:._\-/ ])(write|delete)([:._\-/ ]|$)/i;
const deleteScope = /(^|[:._\-/ ])delete([:._\-/ ]|$)/i;

export interface OpenApiEvidence {
  /** A state change the operation's metadata states (write-only scopes, `x-destructive`…). */
  state?: StateSignal;
  /** Stated spending / third-party reach (`x-billable`, `x-cost`…). */
  openWorld?: string;
}

/** Security scopes and `x-` extensions of an OpenAPI operation (raise only). */
export function openApiEvidence(s: Signals, source: ToolSource, writes: boolean): OpenApiEvidence {
  const out: OpenApiEvidence = {};
  if (source.kind !== 'openapi') return out;
  const scopes = source.scopes ?? [];
  // An admin scope says administration only when the operation needs one: if a generic scope (Google's
  // `cloud-platform`) also grants it, the admin scope is just the API's name for full access.
  const admin = scopes.every((x) => adminScope.test(x)) ? scopes[0] : undefined;
  if (admin && writes) addCategory(s, 'administrative', `security scope '${admin}'`);
  const del = scopes.find((x) => deleteScope.test(x));
  if (del && writes) addCategory(s, 'destructive', `security scope '${del}'`);
  // Every scope a POST "search" accepts is a write scope (not read_write): it is no read. A GET's method
  // outweighs its scopes.
  const writeOnly = (x: string): boolean => writeScope.test(x) && !/read/i.test(x);
  const isGet = /^(get|head|options)$/i.test(source.method);
  if (!writes && !isGet && scopes.length > 0 && scopes.every(writeOnly))
    out.state = { cls: 'update', reason: `only write scopes accepted ('${scopes[0] ?? ''}')` };
  for (const [key, value] of Object.entries(source.extensions ?? {})) {
    const k = key.toLowerCase();
    const on =
      value === true || value === 'true' || (typeof value === 'string' && value.length > 0 && value !== 'false');
    if (!on) continue;
    if (/destructive|dangerous|irreversible|danger/.test(k)) {
      addCategory(s, 'destructive', `extension '${key}'`);
      out.state = { cls: 'delete', reason: `extension '${key}'` };
    } else if (/admin|privileged|superuser/.test(k) && writes) addCategory(s, 'administrative', `extension '${key}'`);
    else if (/billable|billing|cost|credits?|paid|quota-cost/.test(k))
      out.openWorld = `extension '${key}' (spends money)`;
    else if (/pii|personal|gdpr|sensitive/.test(k)) addCategory(s, 'personal-data', `extension '${key}'`);
  }
  return out;
}
