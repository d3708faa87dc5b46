/**
 * A URL to upload or stream to is a credential to write into the account (twenty-sixth round; docs/risk.md,
 * credential-access).
 *
 * A tool whose purpose is to hand out an upload or ingest target — an upload URL or link, an uploader widget's URL, a
 * stream (ingest) URL, or the form fields and signed policy a browser posts a file with (Amazon S3's POST policy:
 * "parameters needed for uploading") — returns something whose holder can put content into the account without the
 * API's key: a pre-signed URL (AWS S3 presigned URLs, Google Cloud Storage signed URLs), a capability URL carrying its
 * own token (W3C TAG, "Good Practices for Capability URLs"), an RTMP URL with its publish signature, as a stream key
 * is (docs/risk.md lists `streamKey` among credentials). That is a bearer credential: `credential-access`, worded as
 * what the tool returns so that secret-values.ts does not drop it as name-only evidence.
 *
 * Read from the name (`getUploadUrl`, `create_upload_link`) or the opening of the description ("Returns a stream url",
 * "Return embeddable url to an uploader widget", "Return parameters needed for uploading a video file") in noun-phrase
 * form; a tool that uploads something and returns where it now lives ("Uploads a file and returns its URL") is not one,
 * nor a returned `upload_url` field alone (GitHub's release `upload_url` is a URI template the API key still guards).
 */

const target = String.raw`(?:upload(?:er)?|ingest(?:ion)?|stream(?:ing)?|publish(?:ing)?)`;
const link = String.raw`(?:urls?|uris?|links?|endpoints?)`;
/** "upload url", "stream urls", "urls for streaming", "url to an uploader", "parameters needed for uploading". */
const handsOut = new RegExp(
  String.raw`\b(?:${target} ${link}|${link} (?:to|for) (?:an? |the )?(?:\w+ )?${target}|(?:parameters|credentials|form fields|fields|a policy) (?:needed |required )?(?:for|to) upload(?:ing)?)\b`,
  'i',
);

/** Why the tool hands out an upload or stream target (its reason), if it does (module comment). */
export function uploadTargetReason(nameWords: readonly string[], opening: string): string | undefined {
  const fromName = handsOut.exec(nameWords.join(' '));
  const m = fromName ?? handsOut.exec(opening.slice(0, 300));
  if (!m) return undefined;
  const where = fromName ? 'in name' : 'in description';
  return `returns an upload or stream target ('${m[0]}' ${where}): its holder can write into the account (a bearer credential)`;
}
