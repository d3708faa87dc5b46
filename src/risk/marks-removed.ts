/**
 * Taking a mark off a thing destroys nothing (twenty-fourth round; docs/risk.md, destructive): a user's follow, vote,
 * bookmark, rating, like, star, favourite, pin or reaction on something, a tag or label on a record, or a JSON:API
 * relationship's linkage. The thing and the mark's owner remain, and the mark can be set again; what changes is a
 * flag, as untagging or unstarring is (links-removed.ts settled tags and memberships). So a removal that is one of
 * these is a plain change, not `destructive` and not `irreversible`:
 *
 * - an HTTP DELETE whose description opens with an un-verb of a mark ("Unfollow a network", "Unbookmark an item",
 *   "Unmark an episode", "Untag a show");
 * - a removal whose path or name puts the removed thing among a user's marks (`DELETE /user/votes/shows/{id}`,
 *   `/account/profile/bookmarks/{itemId}`, `/users/{id}/items/{itemId}/rating`, `remove_bookmark`);
 * - a removal whose description opens by taking tags or labels off something ("Removes a label from a conversation",
 *   "Delete tag from group"); deleting a tag or label itself (`delete_label`, `DELETE /tags/{id}`) still destroys it;
 * - a DELETE on a JSON:API relationship (`/builds/{id}/relationships/betaGroups`): JSON:API 1.1 ("Updating To-Many
 *   Relationships") defines it as removing members from the relationship, never deleting the related resources.
 *   Where those are principals (users, groups, members, testers, roles, teams), the link is their access to the thing,
 *   and removing it is `administrative`, as removing a membership is.
 *
 * Loss wording ("permanently") keeps it destructive.
 */
import { firstSentence } from './evidence.js';
import { concatWords, stem } from './tokens.js';

/** Marks a user sets on a thing (stemmed). */
const markNouns = new Set([
  'follow',
  'vote',
  'upvote',
  'downvote',
  'bookmark',
  'rating',
  'like',
  'star',
  'favorite',
  'favourite',
  'pin',
  'reaction',
]);
const unMarkVerbs =
  /^\s*(?:<p>\s*)?(unfollow|unbookmark|unmark|untag|unlabel|unstar|unpin|unlike|unwatch|unvote|unflag|unfavou?rite|unreact)s?\b/i;
const tagsFrom =
  /^\s*(?:<p>\s*)?(?:delete|remove)s?\s+(?:(?:a|the|one|all|an existing)\s+)?(?:tags?|labels?)\s+from\b/i;
const removalVerbs = new Set(['delete', 'remove', 'clear', 'drop']);
const principals = new Set(['user', 'group', 'member', 'tester', 'role', 'team', 'collaborator']);
const lossWording = /\b(permanent\w*|irreversibl\w*|cannot be undone|can't be undone)\b/i;

/** Why a removal only takes a mark off a thing, if it does, and the principal whose access it ends (module comment). */
export function markRemoved(
  idWords: readonly string[],
  pathSegments: readonly (readonly string[])[],
  description: string,
  httpDelete: boolean,
): { reason: string; principal?: string } | undefined {
  const nameRemoves = idWords.some((w) => removalVerbs.has(stem(w.toLowerCase())));
  if (!httpDelete && !nameRemoves) return undefined;
  const opening = firstSentence(description);
  if (lossWording.test(description.slice(0, 600))) return undefined;
  const un = httpDelete ? unMarkVerbs.exec(opening) : null;
  if (un) return { reason: `'${un[1]!.toLowerCase()}' takes a mark off a thing: nothing is destroyed` };
  if (tagsFrom.test(opening))
    return { reason: 'takes tags or labels off a thing (metadata, like untag): nothing is destroyed' };
  const literal = concatWords(pathSegments).map((w) => stem(w.toLowerCase()));
  if (httpDelete && literal.includes('relationship') && pathSegments.length >= 2) {
    const related = (pathSegments[pathSegments.length - 1] ?? []).map((w) => stem(w.toLowerCase()));
    const principal = related.find((w) => principals.has(w));
    const reason = "removes a JSON:API relationship's linkage (the related resources remain)";
    return principal === undefined ? { reason } : { reason, principal };
  }
  const mark = pathSegments.length > 0 ? literal.find((w) => markNouns.has(w)) : undefined;
  const lastName = stem((idWords[idWords.length - 1] ?? '').toLowerCase());
  const marked = mark ?? (pathSegments.length === 0 && nameRemoves && markNouns.has(lastName) ? lastName : undefined);
  return marked !== undefined ? { reason: `removes a '${marked}' (a mark on a thing, set again at will)` } : undefined;
}
