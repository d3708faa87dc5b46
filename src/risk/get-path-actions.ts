/**
 * A GET whose path names a change as an action does it (thirtieth round; docs/risk.md, side effect).
 *
 * GET lowers the lighter verbs of an operationId because most name what is read ("ContainerArchive", "ImageHistory").
 * Some APIs are remote procedure calls served by GET, one path segment per procedure: `GET /saveRevision`,
 * `GET /contacts/{id}/addToGroup/{groupId}`, `GET /users/{id}/confirm-new-email/{token}`. There the segment is the
 * procedure's name, an imperative verb and its object, and calling it saves, adds or confirms whatever the method
 * (RFC 9110 §9.2.1 asks GET to be safe, which such APIs do not honour). Only the plain verbs of a change leading a
 * literal segment with an object after them count: verb-nouns that name a resource (`/patchDeployments`,
 * `/upload-tokens`, `/click-details`, `/block-index`, `/new_users`) are left to the method.
 */
import { governingVerb, type VerbHit } from './verbs.js';

/** Imperatives that name a change when they lead a path segment (exact words, not stems: "settings", "created"). */
const actionVerbs = new Set(['add', 'save', 'confirm', 'create', 'update', 'delete', 'remove', 'insert']);

/** The change a GET's literal path segment names as its procedure (module comment), if one does. */
export function getPathAction(pathSegments: readonly string[][]): { hit: VerbHit; segment: string } | undefined {
  for (const seg of pathSegments) {
    if (seg.length < 2 || !actionVerbs.has(seg[0] ?? '')) continue;
    const hit = governingVerb(seg);
    if (hit?.index === 0 && hit.cls !== 'read') return { hit, segment: seg.join('-') };
  }
  return undefined;
}
