/** Word splitting for tool names, operationIds, paths and prose. */

/** Split an identifier (camelCase, snake_case, kebab-case, dotted, paths) into lower-case words. */
export function splitIdentifier(text: string): string[] {
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

/** The items of several lists in order, as `lists.flat()` gives them: a plain loop, since Array.prototype.flat ran
 * about twenty times slower on the classifier's short word lists (node 20; docs/adr/0017). */
export function concatWords<T>(lists: ReadonlyArray<readonly T[]>): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) out.push(item);
  return out;
}

/** Split prose into lower-case words (keeps only letters and digits). */
export function splitWords(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  // Letters glued to a digit before them belong to a name: "1Password" gives no word "password".
  const re = /(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9']*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && out.length < limit) {
    const word = m[0].toLowerCase();
    // Most words have no apostrophe: the possessive-stripping replace is skipped for them (speed).
    out.push(word.includes("'") ? word.replace(/'s?$/, '') : word);
  }
  return out;
}

/** Cheap English singular / third-person stem: "policies" → "policy", "pushes" → "push", "keys" → "key". */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const out = stemUncached(word);
  if (stemCache.size > 50_000) stemCache.clear();
  stemCache.set(word, out);
  return out;
}

const stemCache = new Map<string, string>();

function stemUncached(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return word.slice(0, -3) + 'y';
  if (/(ss|x|ch|sh|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
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
