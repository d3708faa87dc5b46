/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * Written here rather than taken from a package: the scheme is small once the ECMAScript serialisation of
 * numbers and strings is reused (RFC 8785 §3.2.2 defines both by reference to ECMA-262 `JSON.stringify`),
 * leaving only property ordering by UTF-16 code units (§3.2.3) — which is exactly what `Array.prototype.sort()`
 * does without a comparator. Tested against the RFC's examples in canonical-json.test.ts.
 */
export function canonicalize(value: unknown): string {
  return serialize(value, 0);
}

const MAX_DEPTH = 200;

function serialize(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new TypeError('canonicalize: value nested too deeply');
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalize: non-finite number');
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (i > 0) out += ',';
          out += item === undefined ? 'null' : serialize(item, depth + 1);
        }
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const v = obj[key];
        if (v === undefined) continue;
        out += `${first ? '' : ','}${JSON.stringify(key)}:${serialize(v, depth + 1)}`;
        first = false;
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonicalize: unsupported type ${typeof value}`);
  }
}
