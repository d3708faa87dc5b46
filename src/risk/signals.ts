/** Category signals from nouns (name, path, tags) and response fields; input fields: field-signals.ts. */
import type { VerbClass } from './lexicon.js';
import { notCredentialBefore, strongNouns, verbs, weakNouns } from './lexicon.js';
import { notAccessSense } from './admin-nouns.js';
import { communicationModifier, removesOnly } from './communication.js';
import { pictureImage } from './machine-images.js';
import { laterAccountRecord, laterRecord, recordsOfPerson } from './personal-records.js';
import type { SchemaField } from './schema-fields.js';
import { stem } from './tokens.js';
import type { RiskCategory } from './types.js';

export interface Signals {
  /** Category → the reasons (up to three) that put the tool there. */
  categories: Map<RiskCategory, string[]>;
  reasons: string[];
}

interface NounContext {
  idWords: readonly string[];
  /** Whether an `image` here is a picture, not a machine or container image (machine-images.ts). */
  pictureImages?: () => boolean;
  idLabel: string;
  verbIndex: number | undefined;
  pathSegments: readonly string[][];
  tags: readonly string[];
  writes: boolean;
  actionCls: VerbClass;
  /** Parent resources of a dotted operationId ("projects.secrets" of "projects.secrets.versions.destroy"). */
  parentIdWords?: readonly string[];
}

const noPictures = (): boolean => false;

export const publicMaterial: ReadonlySet<string> = new Set(['certificate', 'cert', 'publickey']);
const postsContent = new Set<VerbClass>(['create', 'comment', 'send']);
const postedContent = new Set(['comment', 'reply', 'reaction', 'message']);

/** Things attached to a record: "invoice attachment", "/invoices/{id}/history" change those, not the money. */
const ancillaryNouns = new Set([
  'attachment',
  'file',
  'document',
  'note',
  'history',
  'setting',
  'template',
  'tag',
  'label',
  'image',
  'comment',
  'metadata',
  'preference',
  'field',
  'group',
  'profile',
  'questionnaire',
  'category',
]);

/** A money noun qualifying an ancillary noun in the same name or in a later path segment. */
function qualifiesAncillary(words: readonly string[], i: number, laterSegments: readonly string[][]): boolean {
  const next = words[i + 1];
  if (next !== undefined) return ancillaryNouns.has(stem(next));
  return laterSegments.some((seg) => seg.some((w) => ancillaryNouns.has(stem(w))));
}

/** Words after a person noun that keep the person the head of the phrase ("customer details", "user 2"). */
const personTail = new Set([
  "'s",
  'detail',
  'info',
  'profile',
  'record',
  'data',
  'me',
  'id',
  'by',
  'all',
  'list',
  'batch',
]);
/** Verb classes that write a person's record (adding one, or reading); other changes act on the person. */
export const personWrites: ReadonlySet<VerbClass> = new Set<VerbClass>(['create', 'read']);

/** Person nouns that are also used for things ("app profile", "location profile", "payment profile"). */
const sharedWithThings = new Set(['profile']);
const determiners = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'my',
  'your',
  'our',
  'their',
  'his',
  'her',
  'its',
  "'s",
]);

/** A word like "profile" qualified by a thing ("appProfiles", "location profile"): not a person's record. */
function thingQualified(words: readonly string[], i: number): boolean {
  if (i === 0 || !sharedWithThings.has(stem(words[i] ?? ''))) return false;
  const prev = stem(words[i - 1] ?? '');
  if (determiners.has(prev) || verbs.has(prev)) return false;
  return !strongNouns['personal-data'].has(prev) && !(weakNouns['personal-data']?.has(prev) ?? false);
}

/**
 * A person noun followed by another noun is a modifier ("employee role", "customer group", "member groups"):
 * the tool is about the role or group, not the person's data.
 */
export function personModifier(words: readonly string[], i: number): boolean {
  if (thingQualified(words, i)) return true;
  const next = words[i + 1];
  if (next === undefined) return false;
  const n = stem(next);
  // "employee pay statement", "customer transactions": the person's own record (personal-records.ts).
  if (personTail.has(n) || recordsOfPerson.has(n) || /^\d+$/.test(n)) return false;
  return !strongNouns['personal-data'].has(n) && !(weakNouns['personal-data']?.has(n) ?? false);
}

/** Weak credential nouns that, as the object of a read, expose secrets ("get_env", "read_vault"). */
const messageNouns = new Set(['message', 'conversation', 'chat', 'inbox', 'reply', 'email', 'mail']);
const readableSecretStores = new Set(['env', 'vault', 'keyring']);
const writeOnly = new Set<RiskCategory>(['financial', 'administrative', 'infrastructure', 'external-communication']);
type NounCategory = keyof typeof strongNouns;
const nounCategories = Object.keys(strongNouns) as NounCategory[];

/** Records a category with its reason (up to three; `always` records one more, for value evidence that must not be
 * lost behind name evidence: secret-values.ts drops a category whose reasons are all names). */
export function addCategory(s: Signals, c: RiskCategory, reason: string, always = false): void {
  const list = s.categories.get(c);
  if (!list) s.categories.set(c, [reason]);
  else if ((always || list.length < 3) && !list.includes(reason)) list.push(reason);
}
const add = addCategory;

/** A credential word preceded by "page", "next", "max"… is not a credential ("page token", "max tokens"). */
export function isCredentialWord(words: readonly string[], i: number, set: ReadonlySet<string>): boolean {
  const w = stem(words[i] ?? '');
  if (!set.has(w)) return false;
  const before = words[i - 1];
  return before === undefined || !notCredentialBefore.has(stem(before));
}

export function nounSignals(s: Signals, ctx: NounContext): void {
  // `parent`: a path segment with a further literal segment after it ("/customers/groups"): a person there
  // is whose resource it is, not what is returned.
  const sources: Array<{
    words: readonly string[];
    label: string;
    object: number | undefined;
    parent?: boolean;
    /** Parent resources of the name: only their secrets carry over (a version of a secret holds its value). */
    credentialOnly?: boolean;
    later?: readonly string[][];
  }> = [];
  const id = ctx.idWords.filter((_, i) => i !== ctx.verbIndex);
  // The verb's object: the word after it, or before it when the verb ends the name ("volume_snapshot_create").
  const verbLast = ctx.verbIndex !== undefined && ctx.verbIndex === ctx.idWords.length - 1 && ctx.verbIndex > 0;
  const objectIndex = ctx.verbIndex === undefined ? undefined : verbLast ? ctx.verbIndex - 1 : ctx.verbIndex;
  sources.push({ words: id, label: ctx.idLabel, object: objectIndex });
  if (ctx.parentIdWords && ctx.parentIdWords.length > 0)
    sources.push({
      words: ctx.parentIdWords,
      label: ctx.idLabel,
      object: undefined,
      parent: true,
      credentialOnly: true,
    });
  ctx.pathSegments.forEach((seg, i) => {
    const last = i === ctx.pathSegments.length - 1;
    sources.push({
      words: seg,
      label: 'path segment',
      object: last ? 0 : undefined,
      parent: !last,
      later: ctx.pathSegments.slice(i + 1),
    });
  });
  for (const tag of ctx.tags)
    sources.push({
      words: tag
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
      label: 'tag',
      object: undefined,
    });

  // Stemmed once: the category loop walks the same words for every category.
  const stemmed = sources.map((src) => src.words.map(stem));
  for (const c of nounCategories) {
    if (writeOnly.has(c) && !ctx.writes) continue;
    if (s.categories.has(c)) continue;
    // Changing a person's status, membership or access acts on the person; it writes personal data only
    // with personal fields (fieldSignals). Adding a person's record or reading one counts from the noun.
    if (c === 'personal-data' && ctx.writes && !personWrites.has(ctx.actionCls)) continue;
    const strong = strongNouns[c];
    const weak = weakNouns[c];
    // Two different weak nouns side by side in one name, segment or tag make a phrase about the category ("org member",
    // "team member", "user group"); the same nouns spread over a path's parents ("/automationAccounts/{id}/jobs/…",
    // "/organizations/{id}/…/agents") only say where the object sits.
    let weakPair = '';
    let si = 0;
    for (const src of sources) {
      const stems = stemmed[si] ?? [];
      si++;
      for (let i = 0; i < src.words.length; i++) {
        const raw = src.words[i] ?? '';
        const w = stems[i] ?? '';
        const isCred = c === 'credential-access';
        if (src.credentialOnly === true && c !== 'credential-access') break;
        // "/employees/{id}/earnings", "/users/{id}/transactions": a person's records (personal-records.ts).
        const record =
          c === 'personal-data' && src.parent === true
            ? strong.has(w) || w === 'user'
              ? laterRecord(src.later ?? [])
              : laterAccountRecord(w, src.later ?? [])
            : undefined;
        if (record !== undefined) {
          add(s, c, `'${record}' of path segment '/${src.words.join('-')}' (a person's records)`);
          break;
        }
        // Only a strong or weak noun of the category counts below: other words skip the per-word checks (speed).
        if (!strong.has(w) && weak?.has(w) !== true) continue;
        if (c === 'personal-data' && (src.parent === true || personModifier(src.words, i))) continue;
        // Certificates and public keys are not secrets; reading one is no credential access.
        if (c === 'credential-access' && !ctx.writes && publicMaterial.has(w)) continue;
        // Editing, resolving or deleting an existing comment or message tells no one; posting one does.
        if (c === 'external-communication' && postedContent.has(w) && !postsContent.has(ctx.actionCls)) continue;
        // Removing or cancelling sends nothing; "notification setting" is a setting (communication.ts).
        if (c === 'external-communication' && (removesOnly(ctx.actionCls) || communicationModifier(src.words, i)))
          continue;
        // "invoice attachment", "payment settings": the change is to the thing the money noun qualifies.
        if (c === 'financial' && qualifiesAncillary(src.words, i, src.later ?? [])) continue;
        // "autoscaling policy", "AdminRespondToAuthChallenge": not about who can do or see what (admin-nouns.ts).
        if (c === 'administrative' && notAccessSense(src.words, i)) continue;
        // "/admin/…" as a parent path segment, or an "Admin" tag: the route namespace for callers with administrator
        // credentials (as "admin" opening an identifier, admin-nouns.ts), not what the tool acts on, unless what follows
        // it is accounts, users or groups (moderating them decides who may do what: "/admin/accounts/{id}/unsilence").
        if (
          c === 'administrative' &&
          adminNamespace(w, src.words, src.parent === true || src.label === 'tag', src.later)
        )
          continue;
        if (isCred ? isCredentialWord(src.words, i, strong) : strong.has(w)) {
          add(
            s,
            c,
            `${c === 'credential-access' && !ctx.writes ? 'reads ' : ''}noun '${raw}' in ${src.label}${src.label === 'path segment' ? ` '/${src.words.join('-')}'` : ''}`,
          );
          break;
        }
        const ownMessage = ctx.writes && c === 'personal-data' && messageNouns.has(w);
        // Where an exec verb runs code ("sandbox_exec", "container_exec") is not provisioned or changed (as in prose).
        if (c === 'infrastructure' && ctx.actionCls === 'exec' && weak?.has(w) === true) continue;
        // A picture (a user's image, an image item, a generated image) is stored content (machine-images.ts).
        if (c === 'infrastructure' && pictureImage(w, ctx.pictureImages ?? noPictures)) continue;
        if (weak && !ownMessage && (isCred ? isCredentialWord(src.words, i, weak) : weak.has(w))) {
          const prev = i > 0 ? (stems[i - 1] ?? '') : '';
          if (weakPair === '' && prev !== w && weak.has(prev))
            weakPair = `nouns '${src.words[i - 1] ?? ''} ${raw}' in ${src.label}`;
          // A weak noun qualifying a strong noun of another category ("account transfer", "server
          // certificate") is not what the tool acts on.
          const next = stems[i + 1];
          const qualifies = next !== undefined && nounCategories.some((k) => k !== c && strongNouns[k].has(next));
          // A policy heading the object phrase ("SetRepositoryPolicy", "delete_bucket_policy": a resource-based access
          // policy; behaviour policies were skipped above) is what the tool acts on.
          const headPolicy =
            c === 'administrative' && w === 'policy' && src.object !== undefined && i === src.words.length - 1;
          const isObject = src.object !== undefined && (i === src.object || headPolicy) && !qualifies;
          const readable = c === 'personal-data' || (c === 'credential-access' && readableSecretStores.has(w));
          // Reading people's messages is personal data; posting one is communication (ownMessage above).
          if (isObject && (ctx.writes || readable)) {
            add(s, c, `${ctx.actionCls === 'read' ? '' : 'object '}'${raw}' in ${src.label}`);
            break;
          }
        }
      }
      if (s.categories.has(c)) break;
    }
    if (!s.categories.has(c) && weakPair !== '' && c !== 'infrastructure') add(s, c, weakPair);
  }
}

/** "admin" alone as a parent path segment or a tag, with no account, user or group after it. */
function adminNamespace(w: string, words: readonly string[], namespace: boolean, later?: readonly string[][]): boolean {
  if (w !== 'admin' || words.length !== 1 || !namespace) return false;
  const adminWeak = weakNouns.administrative;
  return !(later ?? []).some((seg) => seg.some((x) => adminWeak?.has(stem(x)) === true));
}

const responseCredentialFields = new Set([
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'secret',
  'clientsecret',
  'privatekey',
  'password',
  'apikey',
  'apitoken',
  'secretkey',
  'signingsecret',
  'webhooksecret',
  'credential',
  'kubeconfig',
  'secretaccesskey',
  'sessiontoken',
  'passphrase',
  'connectionstring',
  // HTTP semantics: the value sent in an `Authorization` header is the bearer credential itself.
  'authorizationheader',
]);
/** Words before a returned token that make it an idempotency token the caller chose ("clientRequestToken"). */
const callerTokens = new Set(['client', 'request']);

export function responseSignals(s: Signals, fields: readonly SchemaField[]): void {
  for (const f of fields) {
    if (f.depth > 1 || (f.type !== undefined && f.type !== 'string')) continue;
    const prev = f.words.length > 1 ? f.words[f.words.length - 2] : undefined;
    if (
      responseCredentialFields.has(f.joined) ||
      (responseCredentialFields.has(f.words[f.words.length - 1] ?? '') &&
        prev !== undefined &&
        !notCredentialBefore.has(prev) &&
        !callerTokens.has(prev))
    ) {
      add(s, 'credential-access', `response field '${f.name}'`);
      return;
    }
  }
}

/** Words that say an operation acts in a test environment ("sandbox/transfer/simulate", "test clock"). */
const simulated = new Set(['sandbox', 'simulate', 'simulation', 'simulator']);

/**
 * A sandbox or simulated operation moves no real money: financial evidence from nouns is dropped (a pay verb
 * still counts), with the reason.
 */
export function sandboxMoney(s: Signals, words: readonly string[]): void {
  const why = s.categories.get('financial');
  const word = words.find((w) => simulated.has(w));
  if (!why || word === undefined || why.some((r) => /\bverb '/.test(r))) return;
  s.categories.delete('financial');
  s.reasons.push(`'${word}' in name or path: simulated, no money moves (${why[0] ?? ''})`);
}
