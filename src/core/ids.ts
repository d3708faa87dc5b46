import { randomUUID } from 'node:crypto';

/**
 * Request ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits — unguessable, and in time
 * order. The order is what the audit store needs: its `request_id` index (SQLite and PostgreSQL) takes every new id
 * at its end instead of at a random leaf, so a commit dirties one index page instead of one per record, which cost
 * the writer 15–20 µs per record on a table of 200,000 records (docs/adr/0017-hot-path-performance.md, Decision 15).
 * The random bits are those of a v4 UUID from the same generator (its version nibble replaced; variant kept).
 */
export function newRequestId(now: number = Date.now()): string {
  const ms = now.toString(16).padStart(12, '0');
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; keep everything after the version nibble.
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${randomUUID().slice(15)}`;
}
