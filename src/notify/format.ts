/** Message bodies: the generic JSON webhook payload and a Slack-compatible incoming-webhook message. */
import type { NotificationMessage } from './types.js';

export interface WebhookPayload extends NotificationMessage {
  /** Unique per delivery (identical across its retries), also sent as the Portcullis-Delivery header. */
  delivery: string;
  /** When the message was queued (ISO 8601). */
  createdAt: string;
}

export function webhookBody(message: NotificationMessage, delivery: string, createdAt: Date): string {
  const payload: WebhookPayload = {
    kind: message.kind,
    id: message.id,
    title: message.title,
    text: message.text,
    ...(message.link !== undefined ? { link: message.link } : {}),
    ...(message.fields !== undefined ? { fields: { ...message.fields } } : {}),
    delivery,
    createdAt: createdAt.toISOString(),
  };
  return JSON.stringify(payload);
}

/** Slack mrkdwn control characters (https://api.slack.com/reference/surfaces/formatting#escaping). */
const escapeMrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Block Kit limits: header 150 chars, section text 3000, at most 10 fields of 2000 each. */
export function slackBody(message: NotificationMessage): string {
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(message.title, 150), emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(message.text), 3000) } },
  ];
  const fields = Object.entries(message.fields ?? {}).slice(0, 10);
  if (fields.length > 0) {
    blocks.push({
      type: 'section',
      fields: fields.map(([k, v]) => ({
        type: 'mrkdwn',
        text: clip(`*${escapeMrkdwn(k)}*\n${escapeMrkdwn(v)}`, 2000),
      })),
    });
  }
  if (message.link !== undefined) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Open' }, url: clip(message.link, 3000) }],
    });
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: escapeMrkdwn(`${message.kind} · ${message.id}`) }],
  });
  // `text` is the fallback shown in notifications and by clients without Block Kit.
  return JSON.stringify({ text: clip(`${message.title}: ${message.text}`, 3000), blocks });
}
