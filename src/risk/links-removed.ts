/**
 * Removals that take a link or a label off a thing rather than destroying it (docs/risk.md, "How the engine reads a
 * few more words"), settled in the ninth round like ending a registration or association already was:
 *
 * - removing a membership: a member, collaborator or assignee taken out of an organization, group, team or project,
 *   or a user's or group's entry in a permission list (`remove_org_member`, `DELETE /teams/{id}/members/{uid}`,
 *   `/permissions-config/users/{id}`). The person and the group remain and the member can be added back; what
 *   changes is access (`administrative`), not data that is lost. Deleting the user, group or role itself still
 *   destroys it.
 * - removing tags from a resource (`DeleteTags`, `RemoveTagsFromResource`, `UntagResource` served as an HTTP DELETE):
 *   key-value metadata taken off a resource, like `untag` (a plain change); deleting a label definition
 *   (`delete_label`) still destroys it.
 * - detaching one thing from another (twelfth round): a tool named for `remove` (not delete, destroy, purge…) whose
 *   description opens "Remove(s) X from Y" and says nothing of deleting takes X out of Y: endpoints out of an
 *   endpoint group, a scaling policy off a cluster, a reaction off a message, a password off a share. Both remain (or
 *   X was only ever a setting of Y); what changes is Y, so Y's infrastructure nouns count as the object. Not when Y
 *   is where X is stored (a vault, list, folder, table, bucket, repository, cart…) or X is a stored item (an entry,
 *   record, file, row, document): removing it from its store deletes it.
 */
import { firstSentence } from './evidence.js';
import type { VerbClass } from './lexicon.js';
import { strongNouns, weakNouns } from './lexicon.js';
import { joinCompounds, splitWords, stem } from './tokens.js';

const membershipNouns = new Set(['member', 'membership', 'collaborator', 'assignee']);
const accessListWords = new Set(['permission', 'access', 'acl']);
const principals = new Set(['user', 'group']);
const removalVerbs = new Set(['delete', 'remove', 'unassign', 'kick', 'drop']);

export interface Removal {
  kind: 'membership' | 'tags';
  reason: string;
}

/** What a delete takes away when it is a membership or a resource's tags (else undefined). */
export function linkRemoved(
  idWords: readonly string[],
  pathSegments: readonly (readonly string[])[],
): Removal | undefined {
  const words = idWords.map(stem);
  const verb = words.findIndex((w) => removalVerbs.has(w));
  // The verb's object: the words after it, or the words before it when it ends the name ("members_delete").
  const object = verb < 0 ? [] : verb === words.length - 1 ? words.slice(0, verb) : words.slice(verb + 1);
  const last = (pathSegments.at(-1) ?? []).map(stem);
  const member = object.find((w) => membershipNouns.has(w)) ?? last.find((w) => membershipNouns.has(w));
  if (member)
    return { kind: 'membership', reason: `removes a '${member}' (a membership): the member and the group remain` };
  // The earlier path segments, stemmed only when the last names a principal (speed).
  const accessList = (): boolean =>
    pathSegments.slice(0, -1).some((seg) => seg.some((w) => accessListWords.has(stem(w))));
  if (last.length === 1 && principals.has(last[0]!) && accessList())
    return { kind: 'membership', reason: `removes a '${last[0]!}' from a permission list: access, not data` };
  // "DeleteTags": the plural names the tags of a resource; "delete_tag" of a repository is a git tag (a ref).
  if (verb >= 0 && idWords[verb + 1]?.toLowerCase() === 'tags')
    return { kind: 'tags', reason: 'removes tags from a resource (metadata, like untag)' };
  // "UntagResource" (an HTTP DELETE in AWS's REST APIs): the verb itself says only tags or labels go.
  const untag = words.find((w) => untagVerbs.has(w));
  if (untag) return { kind: 'tags', reason: `verb '${untag}' removes tags or labels (metadata)` };
  return undefined;
}

const untagVerbs = new Set(['untag', 'unlabel']);
/** Delete-class verbs that destroy what they name; `remove` alone may only take a thing out of another. */
const destroyingVerbs = new Set([
  'delete',
  'destroy',
  'purge',
  'erase',
  'drop',
  'wipe',
  'truncate',
  'shred',
  'expunge',
]);
const deletionProse = /\b(delet|destroy|purg|eras|wip(e|es|ed|ing)\b|drop|truncat|permanent)/i;
const removeFrom = /^\s*(<p>\s*)?removes?\b(.{1,80}?)\bfrom\b(.*)$/i;
const determiners = new Set([
  'a',
  'an',
  'the',
  'its',
  'their',
  'your',
  'this',
  'that',
  'specified',
  'given',
  'existing',
]);
/** Where items are stored: removing one from there deletes it. */
const dataStores = new Set(
  (
    'vault store list folder directory bucket repository repo table database db collection queue inbox mailbox drive ' +
    'cart index cache disk volume storage library album playlist dataset archive'
  ).split(' '),
);
/** Stored items: removed from wherever they are kept, they are gone. */
const storedItems = new Set('entry item record row file document object data content'.split(' '));

export interface Detachment {
  reason: string;
  /** The infrastructure noun of what X is taken out of (Y), when it is one. */
  containerInfrastructure?: string;
}

/**
 * "Remove endpoints from an endpoint group": a remove whose only delete evidence is the word `remove` itself (or the
 * HTTP DELETE of the operation) and whose description opens "Remove(s) X from Y" without saying anything is deleted
 * detaches X from Y (else undefined).
 */
export function detachment(
  idWords: readonly string[],
  description: string,
  classes: ReadonlyArray<{ cls: VerbClass; reason: string }>,
): Detachment | undefined {
  const words = idWords.map(stem);
  if (!words.includes('remove') || words.some((w) => destroyingVerbs.has(w))) return undefined;
  const opening = removeFrom.exec(firstSentence(description));
  if (!opening || deletionProse.test(description.slice(0, 400))) return undefined;
  const deletes = classes.filter((c) => c.cls === 'delete');
  if (!deletes.every((c) => /verb 'remove'/.test(c.reason) || /^DELETE method/.test(c.reason))) return undefined;
  const container = joinCompounds(splitWords(opening[3] ?? '', 8)).map(stem);
  const head = container.findIndex((w) => !determiners.has(w));
  // The noun phrase of Y: its first words ("an Amazon EMR cluster", "an endpoint group").
  const phrase = head < 0 ? [] : container.slice(head, head + 4);
  const removedWords = splitWords(opening[2] ?? '', 8).map(stem);
  if (phrase.some((w) => dataStores.has(w)) || removedWords.some((w) => storedItems.has(w))) return undefined;
  const infra = phrase.find((w) => strongNouns.infrastructure.has(w) || (weakNouns.infrastructure?.has(w) ?? false));
  const what = (opening[2] ?? '').trim().replace(/\s+/g, ' ');
  return {
    reason: `removes ${what} from ${phrase.join(' ')}: detaches it, nothing is deleted`,
    ...(infra !== undefined ? { containerInfrastructure: infra } : {}),
  };
}

/** The delete classes as plain changes, each reason extended with why nothing is destroyed. */
export function asChanges<T extends { cls: VerbClass; reason: string }>(classes: readonly T[], why: string): T[] {
  return classes.map((c) => (c.cls === 'delete' ? { ...c, cls: 'update', reason: `${c.reason}: ${why}` } : c));
}
