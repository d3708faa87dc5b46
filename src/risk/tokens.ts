/** Word splitting for tool names, operationIds, paths and prose. */

/** Split an identifier (camelCase, snake_case, kebab-case, dotted, paths) into lower-case words. */
export function splitIdentifier(text: string): string[] {
  return isAscii(text) ? splitAsciiIdentifier(text) : splitIdentifierByPatterns(text);
}

/**
 * The rule, as patterns: a space between a lower-case letter or digit and a capital, before the last capital of a
 * run of capitals that a lower-case letter follows ("HTTPServer": "HTTP Server"), between a letter and a digit; then
 * lower case, split at everything else, without bare numbers or versions ("v2"). Used for text beyond ASCII (lower
 * casing may turn a character outside ASCII into a letter); `splitAsciiIdentifier` reads ASCII in one pass (speed).
 */
export function splitIdentifierByPatterns(text: string): string[] {
  const spaced = text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2');
  const out: string[] = [];
  for (const w of spaced.toLowerCase().split(/[^a-z0-9]+/)) {
    if (w.length > 0 && !/^v?\d+$/.test(w)) out.push(w);
  }
  return out;
}

/** Character kinds of ASCII identifiers. */
const Other = 0;
const Lower = 1;
const Upper = 2;
const Digit = 3;
function charKind(c: number): number {
  if (c >= 97 && c <= 122) return Lower;
  if (c >= 65 && c <= 90) return Upper;
  if (c >= 48 && c <= 57) return Digit;
  return Other;
}

/** `splitIdentifierByPatterns` for ASCII text, in one pass over its characters. */
function splitAsciiIdentifier(text: string): string[] {
  const out: string[] = [];
  let start = -1;
  let prev = Other;
  let kind = text.length > 0 ? charKind(text.charCodeAt(0)) : Other;
  for (let i = 0; i <= text.length; i++) {
    const next = i + 1 < text.length ? charKind(text.charCodeAt(i + 1)) : Other;
    const breaks =
      kind === Other ||
      (kind === Upper && (prev === Lower || prev === Digit)) ||
      (kind === Upper && prev === Upper && next === Lower) ||
      (kind === Digit && (prev === Lower || prev === Upper));
    if (start !== -1 && breaks) {
      pushIdentifierWord(out, text.slice(start, i));
      start = -1;
    }
    if (kind !== Other && start === -1) start = i;
    prev = kind;
    kind = next;
  }
  return out;
}

/** A word of an identifier, lower-cased, unless it is a bare number or version (`/^v?\d+$/`: "2", "v2"). */
function pushIdentifierWord(out: string[], word: string): void {
  const lower = word.toLowerCase();
  let i = lower.charCodeAt(0) === 118 /* v */ ? 1 : 0;
  let number = i < lower.length;
  for (; number && i < lower.length; i++) number = charKind(lower.charCodeAt(i)) === Digit;
  if (!number) out.push(lower);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** The items of several lists in order, as `lists.flat()` gives them: a plain loop, since Array.prototype.flat ran
 * about twenty times slower on the classifier's short word lists (node 20; docs/adr/0017). */
export function concatWords<T>(lists: ReadonlyArray<readonly T[]>): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) out.push(item);
  return out;
}

/**
 * Split prose into lower-case words (keeps only letters and digits): each run of ASCII letters, digits and apostrophes
 * that opens with a letter not glued to a letter or digit before it, without a trailing possessive ("user's": "user").
 * Letters glued to a digit before them belong to a name: "1Password" gives no word "password". One pass over the
 * characters, as the pattern `(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9']*` matched (speed, docs/adr/0017 Decision 41).
 */
export function splitWords(text: string, limit = Infinity): string[] {
  return scanWords(text, limit, true);
}

/** The words `splitWords` gives, each with its trailing possessive kept ("user's", "users'"). */
export function splitRawWords(text: string, limit = Infinity): string[] {
  return scanWords(text, limit, false);
}

function scanWords(text: string, limit: number, stripPossessive: boolean): string[] {
  const out: string[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && out.length < limit) {
    const kind = charKind(text.charCodeAt(i));
    if (kind !== Lower && kind !== Upper) {
      i++;
      continue;
    }
    if (i > 0 && charKind(text.charCodeAt(i - 1)) !== Other) {
      i++;
      continue;
    }
    let end = i + 1;
    let apostrophe = false;
    let capital = kind === Upper;
    for (; end < n; end++) {
      const c = text.charCodeAt(end);
      if (c === 39 /* ' */) apostrophe = true;
      else {
        const k = charKind(c);
        if (k === Other) break;
        if (k === Upper) capital = true;
      }
    }
    // A word is ASCII letters, digits and apostrophes: only one with a capital needs lower casing (speed).
    const word = capital ? text.slice(i, end).toLowerCase() : text.slice(i, end);
    out.push(apostrophe && stripPossessive ? withoutPossessive(word) : word);
    i = end;
  }
  return out;
}

/** A word without its trailing `'` or `'s` (`/'s?$/`). */
function withoutPossessive(word: string): string {
  if (word.endsWith("'s")) return word.slice(0, -2);
  return word.endsWith("'") ? word.slice(0, -1) : word;
}

/**
 * Cheap English singular / third-person stem: "policies" → "policy", "pushes" → "push", "keys" → "key". Only a word
 * ending in 's' changes; no pattern and no cache (a look-up cost more than the rule; docs/adr/0017 Decision 41).
 */
export function stem(word: string): string {
  const n = word.length;
  if (n <= 3 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  if (n > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  // (ss|x|ch|sh|zz)es
  if (
    word.endsWith('es') &&
    (word.endsWith('sses') ||
      word.endsWith('xes') ||
      word.endsWith('ches') ||
      word.endsWith('shes') ||
      word.endsWith('zzes'))
  )
    return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  return word.slice(0, -1);
}

/** Noun compounds that contain a verb-looking word ("pull request" is not "pull"). */
const compounds: ReadonlyArray<readonly [string, string, string]> = [
  ['pull', 'request', 'pullrequest'],
  ['merge', 'request', 'mergerequest'],
  ['push', 'notification', 'pushnotification'],
  ['push', 'provider', 'pushprovider'],
  ['access', 'token', 'accesstoken'],
  ['api', 'key', 'apikey'],
  ['api', 'token', 'apitoken'],
  ['access', 'key', 'accesskey'],
  ['secret', 'key', 'secretkey'],
  ['private', 'key', 'privatekey'],
  ['ssh', 'key', 'sshkey'],
  ['gpg', 'key', 'gpgkey'],
  ['deploy', 'key', 'deploykey'],
  ['deploy', 'plan', 'deployplan'],
  ['deployment', 'plan', 'deployplan'],
  ['dry', 'run', 'dryrun'],
  ['signing', 'key', 'signingkey'],
  ['signing', 'secret', 'signingsecret'],
  ['encryption', 'key', 'encryptionkey'],
  ['client', 'secret', 'clientsecret'],
  ['payment', 'method', 'paymentmethod'],
  ['payment', 'intent', 'paymentintent'],
  ['payment', 'card', 'paymentcard'],
  ['credit', 'card', 'creditcard'],
  ['debit', 'card', 'debitcard'],
  ['bank', 'account', 'bankaccount'],
  ['phone', 'number', 'phonenumber'],
  ['check', 'run', 'checkrun'],
  ['merge', 'conflict', 'mergeconflict'],
  ['connection', 'string', 'connectionstring'],
  ['log', 'drain', 'logdrain'],
  ['load', 'balancer', 'loadbalancer'],
  ['placement', 'group', 'placementgroup'],
  ['static', 'ip', 'staticip'],
  ['floating', 'ip', 'floatingip'],
  ['elastic', 'ip', 'elasticip'],
  ['security', 'group', 'securitygroup'],
  ['node', 'pool', 'nodepool'],
  ['capacity', 'provider', 'capacityprovider'],
  ['checkout', 'key', 'checkoutkey'],
  ['file', 'share', 'fileshare'],
  ['email', 'address', 'emailaddress'],
  ['file', 'manager', 'filemanager'],
  ['sql', 'transaction', 'sqltransaction'],
  ['database', 'transaction', 'databasetransaction'],
  ['db', 'transaction', 'dbtransaction'],
  ['secret', 'manager', 'secretmanager'],
  ['package', 'manager', 'packagemanager'],
  ['password', 'manager', 'passwordmanager'],
  ['check', 'suite', 'checksuite'],
  ['run', 'time', 'runtime'],
  ['environment', 'variable', 'envvar'],
  ['env', 'var', 'envvar'],
  ['env', 'variable', 'envvar'],
  ['access', 'rule', 'accessrule'],
  ['access', 'control', 'accesscontrol'],
  ['access', 'policy', 'accesspolicy'],
  // Load balancing and traffic (AWS Elastic Load Balancing / Global Accelerator resource types), capacity.
  ['endpoint', 'group', 'endpointgroup'],
  ['target', 'group', 'targetgroup'],
  ['scaling', 'policy', 'scalingpolicy'],
  ['autoscaling', 'policy', 'autoscalingpolicy'],
  ['capacity', 'reservation', 'capacityreservation'],
  ['sip', 'trunk', 'siptrunk'],
  // Pools that are not compute (a user directory, federated identities, a DeFi liquidity pool).
  ['user', 'pool', 'userpool'],
  ['identity', 'pool', 'identitypool'],
  ['liquidity', 'pool', 'liquiditypool'],
  // S3 / EMR "Block Public Access": whether anyone outside may read a resource (access control).
  ['public', 'access', 'publicaccess'],
  // Who may sign in or run code: federated identity providers and sources (SAML / OIDC), trusted IP lists, code
  // signing (only code signed by a trusted publisher may be deployed).
  ['identity', 'provider', 'identityprovider'],
  ['identity', 'source', 'identitysource'],
  ['trusted', 'ip', 'trustedip'],
  ['code', 'signing', 'codesigning'],
];

/** The compounds by their (stemmed) first word. */
const compoundsByFirst = new Map<string, Array<readonly [string, string, string]>>();
for (const c of compounds) {
  const list = compoundsByFirst.get(c[0]);
  if (list) list.push(c);
  else compoundsByFirst.set(c[0], [c]);
}

/** Merge known two-word compounds (on stemmed words) so that verbs inside nouns are not read as verbs. */
export function joinCompounds(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const a = words[i] ?? '';
    const b = words[i + 1];
    const candidates = b === undefined ? undefined : compoundsByFirst.get(stem(a));
    const sb = candidates === undefined || b === undefined ? '' : stem(b);
    const hit = candidates?.find(([, y]) => y === sb);
    // "code signing key": the compound that heads the phrase ("signing key") wins over the one before it.
    const c = words[i + 2];
    const headed = c !== undefined && compoundsByFirst.get(sb)?.some(([, y]) => y === stem(c)) === true;
    if (hit && !headed) {
      out.push(hit[2]);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}
