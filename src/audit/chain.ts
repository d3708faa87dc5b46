import { hash } from 'node:crypto';
import { canonicalize } from './canonical-json.js';
import type { AuditEvent, AuditRecord } from './types.js';

/**
 * Hash chain. A record's canonical form is the RFC 8785 serialisation of
 *   { "chain": { "prev": <hash of previous record>, "seq": <n> }, "event": <redacted event> }
 * and its hash is SHA-256 over those UTF-8 bytes (hex). Because "chain" sorts before "event", every canonical
 * record starts with the fixed prefix `{"chain":{"prev":"…","seq":n},"event":`, which lets the verifier check
 * the links with a string comparison instead of parsing every record.
 */
export const GENESIS_HASH = '0'.repeat(64);

export function chainPrefix(seq: number, prev: string): string {
  return `{"chain":{"prev":"${prev}","seq":${seq}},"event":`;
}

export function recordBody(seq: number, prev: string, event: AuditEvent): string {
  return `${chainPrefix(seq, prev)}${canonicalize(event)}}`;
}

/** Same as recordBody, for an event already in canonical form. */
export function recordBodyFromCanonical(seq: number, prev: string, canonicalEvent: string): string {
  return `${chainPrefix(seq, prev)}${canonicalEvent}}`;
}

export function sha256Hex(data: string): string {
  return hash('sha256', data, 'hex');
}

export interface ParsedBody {
  seq: number;
  prev: string;
  event: AuditEvent;
}

/** Parses a stored body; undefined when it is not a record at all (then it was tampered with). */
export function parseBody(body: string): ParsedBody | undefined {
  try {
    const parsed = JSON.parse(body) as { chain?: { prev?: unknown; seq?: unknown }; event?: unknown };
    const chain = parsed.chain;
    if (!chain || typeof chain.prev !== 'string' || typeof chain.seq !== 'number') return undefined;
    if (!parsed.event || typeof parsed.event !== 'object') return undefined;
    return { seq: chain.seq, prev: chain.prev, event: parsed.event as AuditEvent };
  } catch {
    return undefined;
  }
}

/** The public shape of a stored record (what queries, exports and sinks emit). */
export function toAuditRecord(seq: number, hash: string, body: string): AuditRecord {
  const parsed = parseBody(body);
  if (!parsed) return { seq, prev: '', hash, type: 'audit.gap.recorded', timestamp: '', detail: { unreadable: true } };
  return { seq, prev: parsed.prev, hash, ...parsed.event };
}
