import { randomUUID } from 'node:crypto';

/** Request ids are UUIDv4: unguessable, sortable by the timestamp stored alongside. */
export function newRequestId(): string {
  return randomUUID();
}
