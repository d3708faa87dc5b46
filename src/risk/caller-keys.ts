/**
 * The caller's own API key sent in a request body is no credential the tool reads or sets (twenty-seventh round;
 * docs/risk.md, credential-access).
 *
 * docs/risk.md leaves out "the API's own auth and transport parameters": a key the caller passes to authenticate is
 * how the call is made, not what it does. protocol-params.ts recognises those parameters by their usual whole names
 * (`api_key`, `access_token`). Some HTTP APIs take the same key as a body or form field under another name, and say
 * so: `apiKey_l1` / `apiKey_l2` ("Client Api Key", "Integration Partner Api Key"), `secretKey` ("The secretKey
 * provided by <the service>"), or a sample request showing the field's value as the caller's key (`"PrivateKey":
 * "your_api_key"`). Such a field of an OpenAPI operation is dropped from the evidence as the API's auth parameters
 * are, and a returned field under the same name is the request echoed back (a storage record of the call), not a
 * secret the tool reveals. MCP tools are left alone: a key a tool takes for a third party (an exchange's API key and
 * secret) is a credential it uses on the caller's behalf, and is labelled so.
 */
import type { SchemaField } from './schema-fields.js';

/** An API key, secret or token named as such, with an optional numbered qualifier (`apiKey_l1`, `api_key2`; `joined` drops the digits). */
const apiKeyName = /^api(?:key|secret|token)l?\d*$/;
/** Credential nouns a field's name holds (stemmed, separators removed). */
const credentialWord = /key|secret|token/;
const none: ReadonlySet<string> = new Set();
/** Descriptions that say the field is the caller's key for this API (issued to the caller by the service). */
const callersOwn =
  /\b(?:(?:your|client|partner|account|developer) api[ _-]?key\b|api[ _-]?key (?:for|used for) authenticat)/i;
/** A key the service issued to the caller ("The secretKey provided by <the service>"). */
const issuedKey = /\b(?:provided|issued|assigned) (?:to you )?by\b/i;

/**
 * The input fields without the caller's own API credentials (module comment; OpenAPI operations only), and the names
 * dropped.
 */
export function withoutCallerKeys(
  fields: SchemaField[],
  description: string,
  isApi: boolean,
): { fields: SchemaField[]; names: ReadonlySet<string> } {
  if (!isApi) return { fields, names: none };
  let names: Set<string> | undefined;
  for (const f of fields) {
    // `joined` is the stemmed name without separators (`apiKey_l1` → `apikeyl1`).
    if (f.depth !== 0 || !credentialWord.test(f.joined) || (f.type !== undefined && f.type !== 'string')) continue;
    if (
      apiKeyName.test(f.joined) ||
      (f.joined.endsWith('key') && issuedKey.test(f.description)) ||
      callersOwn.test(f.description) ||
      sampleIsCallersKey(f.name, description)
    )
      (names ??= new Set()).add(f.name);
  }
  if (names === undefined) return { fields, names: none };
  const dropped = names;
  return { fields: fields.filter((f) => !dropped.has(f.name)), names: dropped };
}

/** Returned fields without the request's echo of the caller's keys (a field under a dropped input's name). */
export function withoutEchoedKeys(fields: SchemaField[], names: ReadonlySet<string>): SchemaField[] {
  return names.size === 0 ? fields : fields.filter((f) => !names.has(f.name));
}

/** A sample request in the description shows the field's value as the caller's key (`"PrivateKey": "your_api_key"`). */
function sampleIsCallersKey(name: string, description: string): boolean {
  const at = description.indexOf(`"${name}"`);
  if (at < 0) return false;
  return /^"[^"]+"\s*:\s*"<?(?:your|my)[ _-]?(?:api[ _-]?)?(?:key|secret|token)>?"/i.test(
    description.slice(at, at + 80),
  );
}
