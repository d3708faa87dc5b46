/** Plain-words messages for schema issues: the bad value echoed (unless it came from the environment), the
 * expected values listed, and the closest valid key or value suggested. */
import type { z } from 'zod';
import { knownKeysAt } from './schema-keys.js';
import { closest, didYouMean } from './suggest.js';

const MAX_LISTED = 12;

/** How a value appears in a message; values interpolated from the environment are never shown. */
export type ShowValue = (value: unknown, path: readonly (string | number)[]) => string;

function list(values: readonly unknown[]): string {
  const shown = values.slice(0, MAX_LISTED).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return shown.join(', ') + (values.length > MAX_LISTED ? `, ... (${values.length} in all)` : '');
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `the ${typeof v}`;
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

export function issueMessage(issue: z.core.$ZodIssue, path: (string | number)[], show: ShowValue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const valid = knownKeysAt(path);
      const parts = issue.keys.map((k) => `"${k}"${didYouMean(k, valid)}`);
      const hint =
        issue.keys.some((k) => closest(k, valid)) || valid.length === 0 ? '' : `; valid keys: ${list(valid)}`;
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${parts.join(', ')}${hint}`;
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      const got = typeof input === 'string' ? didYouMean(input, values) : '';
      return `${show(input, path)} is not allowed here; expected ${issue.values.length === 1 ? '' : 'one of: '}${list(issue.values)}${got}`;
    }
    case 'invalid_union': {
      const u = issue as { discriminator?: string; options?: unknown[] };
      if (u.discriminator && u.options) {
        const v = (input as Record<string, unknown> | undefined)?.[u.discriminator];
        if (v === undefined) return `missing "${u.discriminator}"; expected one of: ${list(u.options)}`;
        const hint = typeof v === 'string' ? didYouMean(v, u.options.map(String)) : '';
        return `${u.discriminator} ${show(v, path)} is not one of: ${list(u.options)}${hint}`;
      }
      return issue.message;
    }
    case 'invalid_type': {
      const expected = issue.expected === 'object' || issue.expected === 'record' ? 'map' : issue.expected;
      if (input === undefined) return `required key is missing (expected ${article(expected)})`;
      return `expected ${article(expected)}, got ${typeName(input)} ${show(input, path)}`;
    }
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big';
      const bound = big ? (issue as { maximum?: unknown }).maximum : (issue as { minimum?: unknown }).minimum;
      const limit = issue.origin === 'number' || issue.origin === 'int' ? String(bound) : '';
      if (limit && typeof input === 'number')
        return `${input} is too ${big ? 'large' : 'small'}: the ${big ? 'maximum' : 'minimum'} is ${limit}`;
      return `${issue.message} (got ${show(input, path)})`;
    }
    default:
      if (input === undefined || typeof input === 'object') return issue.message;
      return `${issue.message} (got ${show(input, path)})`;
  }
}
