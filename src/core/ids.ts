import { randomUUID } from 'node:crypto';

let prefixMs = -1;
let prefix = '';

/**
 * Request ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then 74 random bits — unguessable, and in time
 * order. The order is what the audit store needs: its `request_id` index (SQLite and PostgreSQL) takes every new id
 * at its end instead of at a random leaf, so a commit dirties one index page instead of one per record, which cost
 * the writer 15–20 µs per record on a table of 200,000 records (docs/adr/0017-hot-path-performance.md, Decision 15).
 * The random bits are those of a v4 UUID from the same generator (its version nibble replaced; variant kept).
 */
export function newRequestId(now: number = Date.now()): string {
  // The calls of one millisecond share the timestamp part: built once per millisecond, not per request.
  if (now !== prefixMs) {
    const ms = now.toString(16).padStart(12, '0');
    prefix = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7`;
    prefixMs = now;
  }
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; keep everything after the version nibble.
  return prefix + randomUUID().slice(15);
}
