import type { Principal } from '../core/principal.js';

/** The configured people (`users:`): each name with the identifiers the identity provider knows them by. */
export type People = Readonly<Record<string, { readonly identities?: readonly string[] }>>;

/**
 * Every identifier of the people `ids` name: `ids` themselves plus, for each configured person one of them names
 * (their user name or one of their `identities`), all of that person's names. Identities belong to one person
 * each (config validation), so one pass finds them all.
 */
export function samePeople(ids: Iterable<string>, people: People): string[] {
  const out = new Set(ids);
  for (const [name, p] of Object.entries(people)) {
    const names = [name, ...(p.identities ?? [])];
    if (names.some((n) => out.has(n))) for (const n of names) out.add(n);
  }
  return [...out];
}

/** What the identity provider calls the person a call is made for: the token's `sub` and its email claim. */
export function requesterIdentities(p: Principal): string[] {
  if (p.user === undefined) return [];
  const email = p.claims?.email;
  return [...new Set([p.user, ...(typeof email === 'string' && email.length > 0 ? [email] : [])])];
}
