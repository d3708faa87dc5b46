/**
 * When "visibility" is an audience (thirty-third round; docs/risk.md, administrative).
 *
 * Changing who can see a thing is administrative: its visibility (public, private, members only), said in prose or set
 * by an update's `visibility` field (prose-nouns.ts, field-signals.ts). The word has two other senses that decide no
 * one's access:
 * - whether something is displayed: a window's, a keyboard's, an element's or a panel's visibility is its display
 *   state (CSS 2's `visibility` property: whether the boxes an element generates are rendered), changed for the one user
 *   looking at the screen;
 * - how findable or observable something is: "visibility into recent time entries" (insight), "AI visibility", "search
 *   visibility" (how often a site shows up in answers or results: search engine optimisation).
 * And the audience has other field names than `visibility`: a boolean `public`, `isPublic`, `private` or `isPrivate`, or
 * a `privacy` / `privacySetting` choice, set by an update, decides who may see the thing as `visibility` does (creating
 * a thing with its first audience is creating it, as for `visibility`).
 */
import { verbs } from './lexicon.js';
import type { SchemaField } from './schema-fields.js';
import { stem } from './tokens.js';

/** Words before "visibility" that make it a display state or findability, not an audience. */
const notAudienceBefore =
  /\b(window|keyboard|element|panel|sidebar|toolbar|widget|layer|column|cursor|button|menu|overlay|dialog|ai|search|seo|brand|online|web) $/i;

/** The "visibility" at `index` of `text` (a match of the audience pattern) is a display state or findability. */
export function visibilityNotAudience(text: string, index: number): boolean {
  if (/^visibility into\b/i.test(text.slice(index, index + 20))) return true;
  return notAudienceBefore.test(text.slice(Math.max(0, index - 12), index));
}

/** Boolean fields that say whether a thing is public or private. */
const audienceFlags = new Set(['public', 'ispublic', 'private', 'isprivate']);
/** Choice fields that say who may see a thing. */
const audienceChoices = new Set(['privacy', 'privacysetting']);

/**
 * The top-level field of an update that sets the thing's audience (see the module comment), else undefined; not when
 * the description opens with a create verb ("Create a datapoint in this group": its first audience).
 */
export function audienceField(fields: readonly SchemaField[], descWords: readonly string[]): SchemaField | undefined {
  if (verbs.get(stem(descWords[0] ?? ''))?.cls === 'create') return undefined;
  return fields.find(
    (f) =>
      f.depth === 0 &&
      ((f.type === 'boolean' && audienceFlags.has(f.joined)) ||
        (f.type !== 'boolean' && f.type !== 'object' && f.type !== 'array' && audienceChoices.has(f.joined))),
  );
}
