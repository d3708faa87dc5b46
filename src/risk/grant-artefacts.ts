/**
 * Credentials a tool hands back without calling them secrets (credential-access, docs/risk.md):
 * - a device authorization code (OAuth 2.0 Device Authorization Grant, RFC 8628 section 3.2: the `device_code` the
 *   device later exchanges for tokens, and the `user_code` that approves it): holding one lets its holder complete the
 *   sign-in. Approving or denying a device (administrative) is not handing out its code;
 * - an API's one key resource read by GET with no response schema (`GET /key`, `GET /account/key`): the singular
 *   resource named `key`, with nothing declared to say it is metadata, is the key value. A list (`/keys`), a key named by
 *   a path parameter (`/key/{key}`, a lookup key) or a response schema that declares what comes back is not this.
 */
import type { SchemaField } from './schema-fields.js';

const deviceCodeProse =
  /\b(device[ _-]?(authori[sz]ation|verification|activation|pairing)?[ _-]?code|user[ _-]code for (the |a )?device|rfc ?8628)\b/i;
const deviceCodeName = /device(authori[sz]ation|verification|activation|pairing)?code/;
/** Approving, denying or revoking a device decides access; the code is not what it returns. */
const decidesDevice = /\b(approv|den(y|ies)|reject|revok)/i;

/** Why a tool hands back a device authorization code (RFC 8628), if it does. */
export function deviceCodeReason(idWords: readonly string[], description: string): string | undefined {
  const opening = description.trimStart().slice(0, 300);
  const joined = idWords.join('').toLowerCase();
  if (decidesDevice.test(joined) || decidesDevice.test(opening.slice(0, 80))) return undefined;
  const name = deviceCodeName.exec(joined);
  // Worded as value evidence (not "'x' in name"), so secret-values.ts does not drop it as a name-only noun.
  if (name) return `returns a device authorization code (RFC 8628, exchanged for tokens): '${name[0]}' in name`;
  const prose = deviceCodeProse.exec(opening);
  return prose ? `returns a device authorization code (RFC 8628, exchanged for tokens): '${prose[0]}'` : undefined;
}

/** Why a GET of an API's singular `key` resource returns the key, if it does (see the module comment). */
export function keyResourceReason(
  method: string,
  path: string,
  outputFields: readonly SchemaField[],
): string | undefined {
  if (method.toLowerCase() !== 'get' || outputFields.length > 0) return undefined;
  const segments = path.split('/').filter((s) => s !== '');
  const last = segments[segments.length - 1];
  if (last === undefined || last.toLowerCase() !== 'key') return undefined;
  return `GET of the singular resource '/${last}' with no response schema returns the key`;
}
