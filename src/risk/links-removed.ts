/**
 * Removals that take a link or a label off a thing rather than destroying it (docs/risk.md, "How the engine reads a
 * few more words"), settled in the ninth round like ending a registration or association already was:
 *
 * - removing a membership: a member, collaborator or assignee taken out of an organization, group, team or project,
 *   or a user's or group's entry in a permission list (`remove_org_member`, `DELETE /teams/{id}/members/{uid}`,
 *   `/permissions-config/users/{id}`). The person and the group remain and the member can be added back; what
 *   changes is access (`administrative`), not data that is lost. Deleting the user, group or role itself still
 *   destroys it.
 * - removing tags from a resource (`DeleteTags`, `RemoveTagsFromResource`): key-value metadata taken off a resource,
 *   like `untag` (a plain change); deleting a label definition (`delete_label`) still destroys it.
 */
import { stem } from './tokens.js';

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
  const earlier = pathSegments.slice(0, -1).flat().map(stem);
  const member = [...object, ...last].find((w) => membershipNouns.has(w));
  if (member)
    return { kind: 'membership', reason: `removes a '${member}' (a membership): the member and the group remain` };
  if (last.length === 1 && principals.has(last[0]!) && earlier.some((w) => accessListWords.has(w)))
    return { kind: 'membership', reason: `removes a '${last[0]!}' from a permission list: access, not data` };
  // "DeleteTags": the plural names the tags of a resource; "delete_tag" of a repository is a git tag (a ref).
  if (verb >= 0 && idWords[verb + 1]?.toLowerCase() === 'tags')
    return { kind: 'tags', reason: 'removes tags from a resource (metadata, like untag)' };
  return undefined;
}
