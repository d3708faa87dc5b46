/** The notifier contract (docs/notifications.md; CONTRACTS.md): approvals and other modules send through it. */

export interface NotificationMessage {
  /** What happened, e.g. `approval.requested`. */
  kind: string;
  /** The subject's id (e.g. the approval id): the receivers' idempotency key. */
  id: string;
  title: string;
  /** Plain text, no secrets (the caller redacts). */
  text: string;
  /** Absolute URL to the request (dashboard or REST). */
  link?: string;
  fields?: Record<string, string>;
}

export interface Notifier {
  /** Queue for delivery; never throws, never blocks the caller; retried with backoff; failures are reported. */
  send(channel: string, message: NotificationMessage): void;
  channels(): string[];
  close(): Promise<void>;
}

/**
 * What happened to one delivery, for the caller to audit or count. `reason` is written by the notifier from
 * the status code or error code only: it never carries the URL, a header or a secret.
 */
export type NotificationEvent =
  | { type: 'delivered'; channel: string; kind: string; id: string; delivery: string; attempts: number }
  | {
      type: 'retrying';
      channel: string;
      kind: string;
      id: string;
      delivery: string;
      attempt: number;
      delayMs: number;
      reason: string;
    }
  | { type: 'failed'; channel: string; kind: string; id: string; delivery: string; attempts: number; reason: string };
