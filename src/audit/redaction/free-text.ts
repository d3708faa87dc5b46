import { isSensitiveKey } from './key-names.js';

/**
 * `key=value` and `key: value` inside free text (`password=hunter2`, `db passwd: hunter2`, `"apiKey": "..."`,
 * `?token=...&`, `Authorization: Bearer ...`): the value is replaced when the key is named like a secret
 * (key-names.ts). Every quantifier is bounded, so matching stays linear in the text.
 */
const KEY_VALUE =
  /(?<![A-Za-z0-9_])(["']?)([A-Za-z][A-Za-z0-9_.-]{0,63}(?:[ \t][A-Za-z][A-Za-z0-9_-]{0,31})?)\1[ \t]{0,8}[:=][ \t]{0,8}((?:Bearer|Basic|Token|Bot|Digest)[ \t]{1,4}[^\s,;&"'<>]{1,2048}|"[^"\n]{1,2048}"|'[^'\n]{1,2048}'|[^\s,;&"'<>]{1,2048})/g;

export function redactKeyValues(text: string, replace: (value: string) => string): string {
  if (!text.includes('=') && !text.includes(':')) return text;
  KEY_VALUE.lastIndex = 0;
  return text.replace(KEY_VALUE, (match, quote: string, key: string, value: string) => {
    // With two words, the secret-like one may be either (`db passwd`, `password please`).
    if (!isSensitiveKey(key) && !isSensitiveKey(key.split(/[ \t]/).pop()!)) return match;
    const quoted = value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]);
    const inner = quoted ? value.slice(1, -1) : value;
    const masked = replace(inner);
    return `${match.slice(0, match.length - value.length)}${quoted ? `${value[0]}${masked}${value[0]}` : masked}`;
  });
}

/** A credential with its scheme (`Bearer abc`, `Basic dXNlcjpwYXNz`) also appears without it: both are secrets. */
export function credentialVariants(secret: string): string[] {
  const m = /^(Bearer|Basic|Token|Bot|Digest|ApiKey)\s+(\S{4,})$/i.exec(secret.trim());
  if (!m) return [];
  const out = [m[2]!];
  if (m[1]!.toLowerCase() === 'basic') {
    const decoded = Buffer.from(m[2]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0 && /^[\x20-\x7e]+$/.test(decoded)) {
      out.push(decoded);
      if (decoded.length - colon - 1 >= 4) out.push(decoded.slice(colon + 1));
    }
  }
  return out;
}
