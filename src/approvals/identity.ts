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

/**
 * What the identity provider calls the person a call is made for: the token's `sub` and its e-mail claim, which the
 * authenticator keeps only when the IdP verified it (`vouchedClaims`): an address its holder typed into their own
 * profile binds nobody's request.
 */
export function requesterIdentities(p: Principal): string[] {
  if (p.user === undefined) return [];
  const email = p.claims?.email;
  return [...new Set([p.user, ...(typeof email === 'string' && email.length > 0 ? [email] : [])])];
}

/** An identifier shaped like an e-mail address; anything else the identity provider gives is taken as a subject. */
const isEmail = (s: string) => s.includes('@');

/**
 * Can the gateway tell a person deciding from the person a call was made for? `known`: yes (or the call was made for
 * nobody); `unknown`: the approver's identity at the IdP is unknown; `subject-needed`: the request is bound only by
 * the requester's subject (their token carried no verified e-mail, and neither names a configured person) while the
 * approver is known there only by e-mail addresses, which cannot be compared with a subject.
 */
export function approverKnown(
  requester: { user?: string; identities?: readonly string[] },
  approver: { name: string; aliases?: readonly string[] },
  people: People,
): 'known' | 'unknown' | 'subject-needed' {
  if (requester.user === undefined) return 'known';
  const theirs = [...(approver.aliases ?? []), ...(people[approver.name]?.identities ?? [])];
  if (theirs.length === 0) return 'unknown';
  if (theirs.some((id) => !isEmail(id))) return 'known';
  const bound = requester.identities ?? [requester.user];
  if (bound.some((id) => id !== requester.user && isEmail(id))) return 'known';
  const expanded = samePeople(bound, people);
  if (expanded.some((id) => Object.hasOwn(people, id))) return 'known';
  return 'subject-needed';
}
