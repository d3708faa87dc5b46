/**
 * Opening or closing an MCP server's own client connection changes nothing stored (twenty-sixth round; docs/risk.md,
 * side effects).
 *
 * Many MCP servers hold a connection for the agent: to a database (`connect_database`, `disconnect_database`), a mail
 * server's IMAP and SMTP sessions (`connect_all`, `disconnect_all`), an SSH host, a web app's session. Connecting or
 * disconnecting it changes which connection later calls use, in the MCP server's memory; no record, setting or
 * resource changes anywhere. So such a tool is no `data-change`, and a database or server named as what it connects
 * to is no infrastructure provisioned. Connecting to a host the caller names (a host, URL or connection string field,
 * or credentials sent to it) still reaches a third party: `external`, with credential-access when it sends a password, key or connection string there.
 *
 * The class is narrow: an MCP tool (an OpenAPI `connect` acts on the provider's resources: a device, a vendor, a
 * peer), whose name's governing verb is `connect` or `disconnect`, at most one service word before it and only
 * connection objects after it (a database, server, session, instance, host, "all"). Not when the description speaks of
 * storing, saving or removing anything, tokens, OAuth, signing in, linking or pairing an account, a device or a peer:
 * connecting an account (`connect-strava`: an OAuth sign-in whose tokens are stored) or a device is a change.
 */
import type { SchemaField } from './schema-fields.js';
import { governingVerb } from './verbs.js';

const connectionVerbs = new Set(['connect', 'disconnect']);
/** What a client connection is to: the words that may follow the verb. */
const connectionObjects = new Set(
  (
    'all session sessions database databases db server servers instance host ssh imap smtp mongodb mongo redis ' +
    'postgres postgresql mysql sqlite to the current'
  ).split(' '),
);
/** Descriptions of connecting an account, a device or a peer, or of keeping something: not a client connection. */
const notAClientConnection =
  /\b(stor(e|es|ed|ing)|sav(e|es|ed|ing)|persist\w*|remov(e|es|ed|ing)|delet(e|es|ed|ing)|oauth|authori[sz]\w*|tokens?|sign(s|ed|ing)?[- ]?in|log(s|ged|ging)?[- ]?in|link(s|ed|ing)?|pair(s|ed|ing)?|accounts?|devices?|peers?|vendors?|integrations?)\b/i;
/** Fields that name the host connected to, or carry what is sent to it. */
/** Fields that carry a credential sent to the host (a connection string holds its password). */
const credentialFields = new Set(['password', 'passphrase', 'privatekey', 'connectionstring', 'secret', 'token']);
const targetFields = new Set(
  (
    'host hostname url uri connectionstring connectionurl connectionuri dsn address server port password username ' +
    'user privatekey passphrase'
  ).split(' '),
);

export interface ClientConnection {
  /** Why the tool changes nothing stored. */
  reason: string;
  /** Why it reaches a third party, when it connects to a host the caller names. */
  reaches?: string;
  /** Why it handles a credential, when it sends one to the host (a password, key or connection string). */
  credential?: string;
}

/** The client connection a tool opens or closes, if it is one (module comment). */
export function clientConnection(
  idWords: readonly string[],
  description: string,
  topFields: readonly SchemaField[],
): ClientConnection | undefined {
  const verb = governingVerb([...idWords]);
  if (verb === undefined || !connectionVerbs.has(verb.word) || verb.index > 1) return undefined;
  if (!idWords.slice(verb.index + 1).every((w) => connectionObjects.has(w))) return undefined;
  if (notAClientConnection.test(description)) return undefined;
  const reason = `'${verb.word}' opens or closes the server's own client connection: nothing stored changes`;
  if (verb.word !== 'connect') return { reason };
  const target = topFields.find((f) => targetFields.has(f.joined));
  if (target === undefined) return { reason };
  const secret = topFields.find((f) => credentialFields.has(f.joined));
  return {
    reason,
    reaches: `connects to the host that field '${target.name}' names (a third party)`,
    ...(secret ? { credential: `sends the credential in field '${secret.name}' to the host it connects to` } : {}),
  };
}
