/**
 * Is a key (JSON property, header, or the `key` of `key=value` free text) named like a secret? Names are NFKC
 * normalised and split into words at camelCase humps, digits, `_`, `-`, `.` and spaces (`awsSecretAccessKey` →
 * aws secret access key; `password1` → password; `db passwd` → db passwd). Two tests:
 *
 * - a strong word anywhere, also inside one lowercase run (`mysecret`, `dbpassword`): password, passwd,
 *   passphrase, secret, credential, apikey, privatekey, accesskey, clientsecret;
 * - a weaker word as the last word (so `max_tokens` or `tokenCount` stay readable): token, pwd, pass, auth,
 *   authorization, cookie, otp, sessionid, signature; or `key` after api/access/secret/private/signing/
 *   encryption/master/session (`x-api-key`, `signingKey`).
 */
const STRONG = /password|passwd|passphrase|secret(?!ar)|credential|apikey|privatekey|accesskey|clientsecret/;
const LAST_WORD = new Set([
  'token',
  'pwd',
  'pass',
  'auth',
  'authorization',
  'cookie',
  'otp',
  'sessionid',
  'signature',
  'bearer',
]);
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'signing', 'encryption', 'master', 'session']);
const MAX_KEY_LENGTH = 200;

export function splitWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
}

const cache = new Map<string, boolean>();

export function isSensitiveKey(name: string): boolean {
  if (name.length === 0 || name.length > MAX_KEY_LENGTH) return false;
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  const words = splitWords(name);
  const joined = words.join('');
  const last = words[words.length - 1];
  const result =
    STRONG.test(joined) ||
    (last !== undefined && LAST_WORD.has(last)) ||
    (last === 'id' && words[words.length - 2] === 'session') ||
    (last === 'key' && KEY_QUALIFIERS.has(words[words.length - 2] ?? ''));
  if (cache.size > 10_000) cache.clear();
  cache.set(name, result);
  return result;
}
