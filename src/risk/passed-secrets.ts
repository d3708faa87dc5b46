/**
 * Secrets an MCP tool is handed to sign in elsewhere (twenty-eighth round; docs/risk.md, credential-access and caller
 * keys).
 *
 * An MCP tool that takes the secret half of a credential in its input (an exchange's API secret next to its API key, an
 * account or application password, a JWT signing secret, a passphrase or a private key) authenticates with it to
 * another system on the caller's behalf: the secret passes through the agent, its arguments and the audit trail, and
 * it grants access to that system. That is a credential the tool uses (docs/risk.md: "An MCP tool's key for a third
 * party (an exchange's API key) stays a credential it uses"; the labels' rule since held-out 12: a private key passed
 * in the input to sign, an exchange's API key and secret, as a password sent on an SSH connect), `credential-access`
 * also on a read. The engine already read a private key or a password on a change as a credential set; a read that
 * only uses one was missed.
 *
 * Only where the field says what it is for: its name or description says authentication, sign-in or an account or API
 * secret, or an API key field stands beside it (a key pair). Not: a webhook's signing secret used to check a payload's
 * signature (it signs nothing in and grants no access), a lone API key or access token (an identifier or session of
 * the service the server itself fronts, which dev labels leave out), and OpenAPI operations, whose own auth
 * parameters the importer keeps from the agent (protocol-params.ts, caller-keys.ts).
 */
import type { SchemaField } from './schema-fields.js';

/** Joined field names (stemmed, lower case) that hold the secret half of a credential. */
const secretFields = new Set([
  'secret',
  'apisecret',
  'secretkey',
  'apisecretkey',
  'clientsecret',
  'password',
  'passwd',
  'passphrase',
  'privatekey',
  'jwtsecret',
]);
/** A field description that says the secret signs in or authenticates ("API secret for authentication"). */
const authPurpose =
  /\b(authenticat\w*|auth|log ?in|sign ?in|account password|application password|api secret|secret key|private key)\b/i;
const apiKeyFields = new Set(['apikey', 'key', 'accesskey', 'apikeyid', 'keyid']);

/** Why an MCP tool's input hands it a credential to sign in elsewhere (see the module comment), if it does. */
export function passedSecretReason(fields: readonly SchemaField[]): string | undefined {
  const top = fields.filter((f) => f.depth === 0 && (f.type === undefined || f.type === 'string'));
  const pair = top.some((f) => apiKeyFields.has(f.joined));
  for (const f of top) {
    if (!secretFields.has(f.joined)) continue;
    if (!pair && !authPurpose.test(f.description.slice(0, 200)) && !authPurpose.test(f.name)) continue;
    const why = f.description === '' ? 'beside an API key' : `'${f.description.slice(0, 40)}'`;
    return `field '${f.name}' hands the tool a secret to sign in elsewhere (${why}): a credential it uses`;
  }
  return undefined;
}
