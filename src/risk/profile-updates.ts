/**
 * Updating who someone is does not decide what they may do (docs/risk.md, administrative; seventeenth round).
 *
 * `administrative` means changing who may do what: roles, permissions, membership, access, authentication settings. A
 * user, account, organization, team or member named as the object of an update makes the change administrative only
 * when the update touches their access. Where the declared input sets profile attributes alone, it changes a record
 * about them: their name, picture, contact details, language, time zone or free-form metadata.
 *
 * The split is SCIM 2.0's (RFC 7643 §4.1): a User's singular profile attributes (userName, name, displayName,
 * nickName, profileUrl, title, userType, preferredLanguage, locale, timezone) and multi-valued profile attributes
 * (emails, phoneNumbers, ims, photos, addresses) on one side. Its access attributes (active, password, groups,
 * entitlements, roles, x509Certificates) are on the other. OpenID Connect Core 1.0 §5.1 names the same profile
 * claims (name, given_name, family_name, nickname, preferred_username, profile, picture, website, email, gender,
 * birthdate, zoneinfo, locale, phone_number, address). An organization's or team's profile is the same kind of thing:
 * its name, slug, logo, description, website, address.
 *
 * The category is dropped, with the reason, only when all of these hold. It came from such a who-noun as the object
 * (no role, permission or membership noun, no grant verb, no access field). The tool only updates. At least one
 * declared field is a profile attribute. No field (at any depth, its enum values and description included) names
 * access or account state, no list other than SCIM's profile lists is set (a list of groups, teams, collections or
 * projects assigns the who to them), and no free-form object other than metadata leaves its content open. Nor may the
 * description's opening name access. Without a declared input nothing is dropped (fail closed).
 */
import type { VerbClass } from './lexicon.js';
import { strongNouns } from './lexicon.js';
import type { SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';
import { splitWords, stem } from './tokens.js';

/** Who an administrative change acts on: people's accounts and the organizations and teams they belong to. */
const whoNouns = new Set(['user', 'account', 'organization', 'organisation', 'org', 'team', 'member', 'group']);

/** Profile attributes (SCIM 2.0 RFC 7643 §4.1.1-4.1.2, OpenID Connect Core §5.1 claims; an organization's profile). */
const profileFields = new Set(
  (
    'name firstname lastname givenname familyname middlename fullname displayname nickname username preferredusername ' +
    'title usertype email emailaddress phone phonenumber mobile im address street city country postalcode zip ' +
    'photo picture avatar image profileimage logo profileurl bio biography about description website url homepage ' +
    'locale language preferredlanguage timezone zoneinfo gender birthdate birthday pronoun slug ' +
    'metadata publicmetadata privatemetadata unsafemetadata customdata customattribute extensionattribute'
  ).split(' '),
);

/** SCIM's multi-valued profile attributes (and free-form attribute or tag lists): setting these assigns nothing. */
const profileLists = new Set(
  'email phonenumber phone im photo address attribute customattribute extensionattribute tag label'.split(' '),
);

/** Free-form content that describes the thing (metadata, custom data, custom attributes), never who may act. */
const metadataHeads = new Set(['metadata', 'customdata', 'attribute', 'customattribute', 'extensionattribute']);

/** A single identifier ("userId", "organization_id"): which record, not what changes in it. */
const idHeads = new Set(['id', 'uuid', 'identifier']);

/**
 * Words of access and account state: SCIM's access attributes (active, password, groups, entitlements, roles,
 * certificates), the administrative nouns of lexicon.ts, sign-in state (enabled, locked, banned, suspended, verified)
 * and credentials.
 */
const stateWords = new Set(
  (
    'active inactive activate activated deactivate deactivated status enable enabled disable disabled lock ' +
    'locked unlock ban banned block blocked suspend suspended approve approved verify verified expire expiration ' +
    'expiry access visibility visible private public hidden password passwd passphrase credential token secret key ' +
    'otp totp certificate x509certificate entitlement login signin auth authentication authorization moderator ' +
    'superuser staff grant revoke allow allowed deny denied'
  ).split(' '),
);
/** A field naming a group, team or member sets who belongs where. */
const accessWords = new Set([...stateWords, 'group', 'team', 'member']);

/** Quantities ("maxAllowedMemberships", "seatLimit"): how many, not who. */
const quantityWords = new Set(['max', 'min', 'maximum', 'minimum', 'limit', 'quota', 'count', 'number']);

function namesAccess(words: readonly string[], vocabulary = accessWords): string | undefined {
  return words.find((w) => vocabulary.has(w) || strongNouns.administrative.has(w));
}

function isMetadata(f: SchemaField): boolean {
  return metadataHeads.has(f.joined) || metadataHeads.has(f.words[f.words.length - 1] ?? '');
}

function hasChildren(f: SchemaField, fields: readonly SchemaField[]): boolean {
  return fields.some((c) => c.depth === f.depth + 1 && c.parent === f.words[f.words.length - 1]);
}

/** Why a field is about access (undefined when it is not). */
function accessField(f: SchemaField, fields: readonly SchemaField[]): string | undefined {
  if (!quantityWords.has(f.words[0] ?? '') && !quantityWords.has(f.words[f.words.length - 1] ?? '')) {
    const word = namesAccess(f.words);
    if (word !== undefined) return `field '${f.name}' names '${word}'`;
  }
  const value = f.enumValues.find((v) => namesAccess(splitWords(v, 4).map(stem)) !== undefined);
  if (value !== undefined) return `field '${f.name}' takes '${value}'`;
  const described = splitWords(f.description.slice(0, 160), 24)
    .map(stem)
    .find((w) => strongNouns.administrative.has(w));
  if (described !== undefined) return `field '${f.name}' is described with '${described}'`;
  const children = hasChildren(f, fields);
  const head = f.words[f.words.length - 1] ?? '';
  if (f.type === 'array' && !profileLists.has(head) && !profileLists.has(f.joined))
    return `field '${f.name}' sets a list (assigns to what it lists)`;
  if ((f.type === 'object' || f.type === undefined) && !children && !isMetadata(f) && f.enumValues.length === 0)
    return `field '${f.name}' is open (undeclared content)`;
  return undefined;
}

/**
 * Drops `administrative` from an update of a user's, account's, organization's or team's profile (module comment),
 * with the reason.
 */
export function profileOnlyUpdate(
  s: Signals,
  ctx: { topWrite: VerbClass; nameWords: readonly string[]; inputFields: readonly SchemaField[]; opening: string },
): void {
  const why = s.categories.get('administrative');
  if (!why || ctx.topWrite !== 'update') return;
  const who = why.map((r) => /^object '(\w+)' in (?:name|operationId|path segment)$/.exec(r)?.[1]);
  if (who.some((w) => w === undefined || !whoNouns.has(stem(w.toLowerCase())))) return;
  // "DisableUser", "Bans a user": the name or the description's opening says the change is to access.
  // A word qualifying metadata ("updateUserPublicMetadata") says which metadata, not who may see the user.
  const said = [...ctx.nameWords, ...splitWords(ctx.opening, 16)].map(stem);
  if (
    namesAccess(
      said.filter((_, i) => !metadataHeads.has(said[i + 1] ?? '')),
      stateWords,
    ) !== undefined
  )
    return;
  const fields = ctx.inputFields;
  const profile = fields.find((f) => f.depth <= 2 && profileFields.has(f.joined));
  if (!profile) return;
  const objects = new Set(who.map((w) => stem((w ?? '').toLowerCase())));
  // Fields come parent first (schema-fields.ts); what sits under metadata or a profile attribute ("address.city",
  // "address.location.coordinates") is part of it.
  let inside: number | undefined;
  for (const f of fields) {
    if (inside !== undefined && f.depth > inside) continue;
    inside = undefined;
    if (isMetadata(f) || profileFields.has(f.joined)) {
      if (f.type !== 'array' || profileLists.has(f.words[f.words.length - 1] ?? '')) {
        inside = f.depth;
        continue;
      }
    }
    const head = f.words[f.words.length - 1] ?? '';
    if (idHeads.has(head) && f.type !== 'array') continue;
    // The request body named after the object itself ("team": {name, description}) wraps the fields that change.
    if (f.type === 'object' && f.words.length === 1 && objects.has(head) && hasChildren(f, fields)) continue;
    if (accessField(f, fields) !== undefined) return;
  }
  s.categories.delete('administrative');
  const names = fields.filter((f) => profileFields.has(f.joined)).map((f) => f.name);
  s.reasons.push(
    `${why[0] ?? ''}, but the update sets profile attributes only (${names.slice(0, 5).join(', ')}; SCIM/OIDC): no access changes`,
  );
}
