/**
 * Resource URIs are normalised before policy sees them, and the normalised form is what is forwarded, so the
 * string a rule matched is the string the upstream gets. A URI that cannot be normalised cleanly is refused:
 * dot segments that climb above the root, encoded slashes or backslashes (`%2f`, `%5c`), NUL, backslashes used
 * as separators, and malformed percent-encoding. Percent-encoded unreserved characters (including `%2e`) are
 * decoded first, so `%2e%2e` is a dot segment like `..`.
 */
export type NormalisedUri = { ok: true; uri: string } | { ok: false; reason: string };

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Decodes %XX of unreserved characters, upper-cases the hex of the rest; refuses encoded separators and NUL. */
function decodeUnreserved(s: string): { ok: true; s: string } | { ok: false; reason: string } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const hex = s.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return { ok: false, reason: 'malformed percent-encoding' };
    const ch = String.fromCharCode(parseInt(hex, 16));
    if (ch === '/' || ch === '\\')
      return { ok: false, reason: `encoded ${ch === '/' ? 'slash' : 'backslash'} (%${hex})` };
    if (ch === '\0') return { ok: false, reason: 'encoded NUL' };
    out += UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
    i += 2;
  }
  return { ok: true, s: out };
}

/** RFC 3986 remove_dot_segments, refusing a `..` that would climb above the root instead of clamping it. */
function removeDots(path: string): { ok: true; path: string } | { ok: false; reason: string } {
  const absolute = path.startsWith('/');
  const segs = (absolute ? path.slice(1) : path).split('/');
  const out: string[] = [];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    if (seg === '.') {
      if (last) out.push('');
      continue;
    }
    if (seg === '..') {
      if (out.length === 0) return { ok: false, reason: 'a ".." segment climbs above the root' };
      out.pop();
      if (last) out.push('');
      continue;
    }
    out.push(seg);
  }
  return { ok: true, path: (absolute ? '/' : '') + out.join('/') };
}

export function normaliseUri(raw: string): NormalisedUri {
  if (raw.length === 0) return { ok: false, reason: 'empty URI' };
  if (raw.length > 4096) return { ok: false, reason: 'URI longer than 4096 characters' };
  if (raw.includes('\\')) return { ok: false, reason: 'backslash in URI' };
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return { ok: false, reason: 'control character in URI' };
  const m = SCHEME.exec(raw);
  if (!m) return { ok: false, reason: 'no scheme' };
  const scheme = m[1]!.toLowerCase();
  let rest = m[2]!;
  // Query and fragment are kept as they are (decoded only where unreserved), never dot-processed.
  let tail = '';
  const q = rest.search(/[?#]/);
  if (q >= 0) {
    tail = rest.slice(q);
    rest = rest.slice(0, q);
  }
  let authority: string | undefined;
  if (rest.startsWith('//')) {
    const end = rest.indexOf('/', 2);
    authority = end < 0 ? rest.slice(2) : rest.slice(2, end);
    rest = end < 0 ? '' : rest.slice(end);
  }
  const decoded = decodeUnreserved(rest);
  if (!decoded.ok) return decoded;
  const tailDecoded = decodeUnreserved(tail);
  if (!tailDecoded.ok) return tailDecoded;
  const dots = removeDots(decoded.s);
  if (!dots.ok) return dots;
  let auth = '';
  if (authority !== undefined) {
    const a = decodeUnreserved(authority);
    if (!a.ok) return a;
    // Host is case-insensitive; userinfo is not.
    const at = a.s.lastIndexOf('@');
    auth = `//${at >= 0 ? a.s.slice(0, at + 1) : ''}${(at >= 0 ? a.s.slice(at + 1) : a.s).toLowerCase()}`;
  }
  return { ok: true, uri: `${scheme}:${auth}${dots.path}${tailDecoded.s}` };
}
