/**
 * A field that sets how long a returned signed URL stays valid says the tool hands one back (thirtieth round;
 * docs/risk.md, credential-access: bearer links).
 *
 * A signed (pre-signed) URL carries its own authorization: whoever holds it reaches what it points at until it
 * expires, without the API's key (AWS S3 presigned URLs, Google Cloud Storage signed URLs; W3C TAG, "Good Practices
 * for Capability URLs"). secret-values.ts and capability-links.ts read the description and the output schema for
 * such a link; a tool that says so only in its input — a field choosing the link's lifetime (`expiration`: "Signed
 * URL expiration time in seconds", `signedUrlExpiresIn`) — returns one just the same: `credential-access`.
 *
 * When the tool makes the thing the link points at (it converts, generates, renders, exports, merges… a document)
 * and its name is not about the link itself (`generate_presigned_url` signs a link to an object that is already
 * there), what it made is stored on the service, where the link reaches it: the call leaves a new stored object, a
 * change (`data-change`), as written-files.ts reads a returned path of a file the tool wrote.
 */
import type { SchemaField } from './schema-fields.js';

/** A signed link named in a field's words or description. */
const signedLink = /\b(?:pre-?)?signed[ -]?(?:urls?|links?)\b/i;
/** Its lifetime: the field sets when it expires or how long it is valid. */
const lifetime = /\bexpir|\bvalid\b|\bttl\b|\blifetime\b/i;
const lifetimeWords = new Set(['expir', 'expire', 'expires', 'expiration', 'expiry', 'ttl', 'lifetime', 'valid']);
/** Verbs (stemmed) of a tool that makes a document or file. */
const makingVerbs = new Set(
  'convert generate render export compress merge split print build make create produce compile'.split(' '),
);
/** Name words of a tool whose subject is the link itself. */
const linkWords = new Set(['url', 'urls', 'uri', 'link', 'links', 'presigned', 'signedurl', 'download']);

/** The field choosing the lifetime of a signed URL the tool returns, if there is one (module comment). */
function lifetimeField(inputFields: readonly SchemaField[]): SchemaField | undefined {
  for (const f of inputFields) {
    if (f.depth > 1) continue;
    const named = f.joined.includes('signedurl') && f.words.some((w) => lifetimeWords.has(w));
    if (named) return f;
    const d = f.description.slice(0, 200);
    if (d.includes('igned') && signedLink.test(d) && lifetime.test(d)) return f;
  }
  return undefined;
}

export interface SignedUrlOutput {
  /** Why the tool returns a signed URL (credential-access). */
  reason: string;
  /** Why the call stores what it made behind the link (a change), when it makes it. */
  stores?: string | undefined;
}

/** What a field setting a signed URL's lifetime says of the tool (module comment), if it has one. */
export function signedUrlOutput(
  inputFields: readonly SchemaField[],
  nameWords: readonly string[],
  verb: string | undefined,
): SignedUrlOutput | undefined {
  const f = lifetimeField(inputFields);
  if (f === undefined) return undefined;
  const reason = `field '${f.name}' sets how long a returned signed URL is valid: a bearer link`;
  const makes = verb !== undefined && makingVerbs.has(verb) && !nameWords.some((w) => linkWords.has(w));
  return {
    reason,
    stores: makes ? `verb '${verb}' with ${reason}: what it made is stored where the link points` : undefined,
  };
}
