/**
 * An authority's permit is no access right (twenty-seventh round; docs/risk.md, administrative).
 *
 * `permission` and `license` are administrative nouns because in software they say who may do what (a role's
 * permissions, a seat licence). But authorities also grant permissions and licences to people and businesses for
 * activities in the world: a planning permission (UK Town and Country Planning Act 1990: consent to develop land), a
 * building or demolition permit, a residence or work permit, a driving, fishing, hunting, liquor or marriage licence, an
 * export or import licence. Searching or reading such records (a planning-application database) changes no one's
 * access to anything the API holds. So where the tool's words qualify the noun as such an official permit ("Reverse
 * Planning Permission API", "building permits") and `administrative` rests only on that noun, it is dropped with the
 * reason. A hyphenated compound ("permission-aware UIs") is not the noun.
 */
import type { Signals } from './signals.js';

/** Activities an authority grants a permit or licence for (the word before the noun). */
const permitPhrase =
  /\b(planning|building|construction|demolition|development|zoning|residence|residency|work|driving|drivers?|driver's|fishing|hunting|marriage|liquor|alcohol|gambling|export|import|environmental|parking|firearms?|gun|broadcasting|mining|taxi|premises|trading|business)[\s_]+(permission|permit|licen[cs]e)s?\b(?!-)/i;
/** Administrative reasons that rest on the noun alone (signals.ts and prose-nouns.ts wording). */
const nounOnly =
  /^(?:(?:noun|object) )?'(?:permissions?|permits?|licen[cs]es?)' in |^nouns '\w+ (?:permissions?|licen[cs]es?)' in /;

/**
 * Drops `administrative` resting only on a permission, permit or licence noun that the texts (name, path, tags,
 * description opening) qualify as an authority's permit (module comment).
 */
export function officialPermit(s: Signals, texts: readonly string[]): void {
  const why = s.categories.get('administrative');
  if (why === undefined || !why.every((r) => nounOnly.test(r))) return;
  const match = texts.map((t) => permitPhrase.exec(t)).find((m) => m !== null);
  if (!match) return;
  s.categories.delete('administrative');
  s.reasons.push(`${why[0] ?? ''}: a ${match[0].toLowerCase()} is an authority's permit, not an access right`);
}
