/**
 * The notifier interface from CONTRACTS.md (built by src/notify/). A local copy until src/notify/ lands: the
 * approval service only ever calls `send`, which queues and never throws.
 */
export interface NotificationMessage {
  kind: string;
  id: string;
  title: string;
  text: string;
  link?: string;
  fields?: Record<string, string>;
}

export interface Notifier {
  send(channel: string, message: NotificationMessage): void;
  channels(): string[];
  close(): Promise<void>;
}
