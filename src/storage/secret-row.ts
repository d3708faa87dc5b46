import type { SecretRow } from './repositories.js';

/** A vault secret as both back ends store it (snake_case columns). */
export interface SecretDbRow {
  name: string;
  version: number;
  format: string;
  kek_id: string;
  wrapped_key: string;
  nonce: string;
  tag: string;
  ciphertext: string;
  created_at: string;
  rotated_at: string;
}

export const SECRET_COLUMNS =
  'name, version, format, kek_id, wrapped_key, nonce, tag, ciphertext, created_at, rotated_at';

export const toSecret = (r: SecretDbRow): SecretRow => ({
  name: r.name,
  version: Number(r.version),
  format: r.format,
  kekId: r.kek_id,
  wrappedKey: r.wrapped_key,
  nonce: r.nonce,
  tag: r.tag,
  ciphertext: r.ciphertext,
  createdAt: r.created_at,
  rotatedAt: r.rotated_at,
});

/** Column values in SECRET_COLUMNS order. */
export const secretValues = (
  s: SecretRow,
): [string, number, string, string, string, string, string, string, string, string] => [
  s.name,
  s.version,
  s.format,
  s.kekId,
  s.wrappedKey,
  s.nonce,
  s.tag,
  s.ciphertext,
  s.createdAt,
  s.rotatedAt,
];
