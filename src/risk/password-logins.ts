/**
 * Logging in over HTTP hands back a credential and stores nothing (twenty-fifth round; docs/risk.md,
 * credential-access: "credentials handed back and stored nowhere are reads with credential-access").
 *
 * `POST /login` with a user name and password, `loginAndGetBearerToken`, `POST /authentication` with the user's e-mail
 * and password: the API checks the password and answers with a session token, a bearer token or a session cookie. The
 * token is a credential the caller now holds (credential-access, high), but nothing the API keeps has changed: the
 * operation is a read, as a token exchange is (`AssumeRole`, generating a short-lived token). The labels have called
 * these reads since held-out 22. The e-mail or user name sent is the caller's own sign-in name, not a record about a
 * person, so an input e-mail alone adds no personal data here.
 *
 * Only for OpenAPI operations: an HTTP API is stateless between calls, so the token comes back in the response. An MCP
 * server's login tool usually keeps the session itself (a change on the server the agent talks to), and a login that
 * registers, resets, changes or sends anything is not this.
 *
 * A login by GET with no password in the call (the server authenticates the caller by other means, a client
 * certificate or WebID) is the same read when its opening says it returns a session id, token or cookie.
 */
import type { SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';

const loginWords = new Set(['login', 'signin', 'logon', 'authenticate', 'authentication']);
const loginPairs = new Set(['log in', 'sign in', 'log on']);
/** Verbs an operation may carry beside logging in and still only log in ("post", "get" a token). */
const plainVerbs = new Set(['post', 'get', 'do', 'user', 'api', 'auth', 'and', 'bearer', 'token', 'session', 'jwt']);
const passwordFields = new Set(['password', 'passwd', 'pass', 'passphrase', 'userpassword']);
const signInNames = new Set(['email', 'emailaddress', 'username', 'login', 'user', 'userid', 'name']);
/** An opening that says a session credential comes back ("returning an OSDB session ID in cookie"). */
const returnsSession = /\b(return|get|give|receive|obtain)\w*\b[^.]{0,60}\b(session|token|cookie|jwt)\b/i;

export interface LoginContext {
  isApi: boolean;
  isGet: boolean;
  /** The operationId's words, or (no operationId) the path's literal segments. */
  nameWords: readonly string[];
  /** The opening of the description (a few sentences). */
  opening: string;
  inputFields: readonly SchemaField[];
}

/** Why the operation is a login that only hands back a credential, if it is (module comment). */
export function passwordLoginReason(ctx: LoginContext): string | undefined {
  if (!ctx.isApi) return undefined;
  const words = ctx.nameWords.map((w) => w.toLowerCase());
  let login: string | undefined = words.find((w) => loginWords.has(w));
  for (let i = 0; login === undefined && i + 1 < words.length; i++)
    if (loginPairs.has(`${words[i]!} ${words[i + 1]!}`)) login = `${words[i]!} ${words[i + 1]!}`;
  if (login === undefined) return undefined;
  // Nothing else in the name: "resetLogin", "registerAndLogin", "provokeLogin" do more than log in.
  const rest = words.filter((w) => !loginWords.has(w) && !plainVerbs.has(w) && !login.split(' ').includes(w));
  if (rest.length > 0) return undefined;
  const password = ctx.inputFields.find((f) => f.depth <= 1 && f.type !== 'boolean' && passwordFields.has(f.joined));
  if (password)
    return `logs in ('${login}' with field '${password.name}'): a session credential handed back, nothing stored`;
  if (ctx.isGet && returnsSession.test(ctx.opening))
    return `logs in ('${login}', the description says a session credential comes back): nothing stored`;
  return undefined;
}

/**
 * Applies a login's reason to the signals: credential-access, and the caller's own sign-in name (an e-mail or user
 * name field) no longer counted as personal data.
 */
export function passwordLogin(s: Signals, reason: string, inputFields: readonly SchemaField[]): void {
  const access = s.categories.get('credential-access');
  if (access) access.unshift(reason);
  else s.categories.set('credential-access', [reason]);
  const personal = s.categories.get('personal-data');
  const signInField = (r: string): boolean => {
    const m = /^field '([^']+)'$/.exec(r);
    return m !== null && inputFields.some((f) => f.name === m[1] && signInNames.has(f.joined));
  };
  if (personal && personal.every(signInField)) {
    s.categories.delete('personal-data');
    s.reasons.push(`${personal[0] ?? ''}: the caller's own sign-in name, not a record about a person`);
  }
}
