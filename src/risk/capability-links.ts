/**
 * Capability links (twenty-eighth round; docs/risk.md, credential-access: bearer links).
 *
 * A link whose holder reaches what it points at without signing in is a bearer credential (W3C TAG, "Good Practices
 * for Capability URLs": an unguessable URL that grants access; such URLs should expire). secret-values.ts reads the
 * common wordings (pre-signed or signed URLs, a link valid for ten minutes, a link that expires); three more say the
 * same of a link a read returns to data the account keeps:
 * - a temporary link, with words between ("Returns a temporary task log data url");
 * - a download limited in time ("Fetch a download link for a report … available for download for one week");
 * - a unique link handed back ("Return the unique url to the client's invoice": its secrecy is the access control).
 * Each needs a link word in the same description, and the unique link must be returned (not "set up a unique URL"
 * for a namespace, nor a unique URL the caller sends with).
 */

/** Every wording below holds one of these words: the patterns run only on a description that does (speed). */
const linkWord = /url|link/i;
const capabilityProse =
  /\b(temporary(?: [a-z-]{1,20}){1,4} (?:url|link)s?|(?:url|link)s?\b.{0,200}\bavailable for download (?:for|within) (?:up to )?(?:\d+|one|an?|two|seven|ten|thirty) (?:minutes?|hours?|days?|weeks?)|returns? (?:the |a |an )?unique (?:url|link)s?)\b/i;

/** Why a tool's description says it hands out a capability link (see the module comment), if it does. */
export function capabilityLinkReason(description: string): string | undefined {
  const text = description.slice(0, 400);
  if (!linkWord.test(text)) return undefined;
  const m = capabilityProse.exec(text);
  return m ? `description says '${m[0].slice(0, 60)}' (a capability link: holding it grants access)` : undefined;
}
