/** The `notifications:` section of portcullis.yaml: outgoing channels (generic JSON webhook, Slack-compatible). */
import { z } from 'zod';
import { didYouMean } from '../config/suggest.js';

const SECRET_REF = /^\$\{secret:[A-Za-z_][A-Za-z0-9_.-]{0,127}\}$/;

const secretRef = z
  .string()
  .regex(SECRET_REF, 'must be a secret reference "${secret:NAME}" (keep signing keys out of the config file)')
  .describe('HMAC-SHA256 signing key as a vault reference "${secret:NAME}", resolved at send time');

/** A literal http(s) URL, or a `${secret:NAME}` reference to one (a Slack webhook URL is itself a credential). */
const channelUrl = z
  .string()
  .refine((u) => SECRET_REF.test(u) || isHttpUrl(u), {
    message: 'must be an http(s) URL or a secret reference "${secret:NAME}"',
  })
  // The schema checks the scheme only (the URL parser also skips leading spaces and controls), so it is looser.
  .meta({ anyOf: [{ pattern: SECRET_REF.source }, { pattern: '^[\\u0000-\\u0020]*[Hh][Tt][Tt][Pp][Ss]?:' }] })
  .describe('Where messages are POSTed: an http(s) URL, or "${secret:NAME}" when the URL itself is a credential');

function isHttpUrl(u: string): boolean {
  try {
    const p = new URL(u).protocol;
    return p === 'https:' || p === 'http:';
  } catch {
    return false;
  }
}

const delivery = {
  timeoutMs: z
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(5_000)
    .describe('Time allowed for one delivery attempt (connect, send, response status)'),
  maxAttempts: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(6)
    .describe('Attempts per message before it is reported as failed (1 = no retry)'),
  initialDelayMs: z
    .number()
    .int()
    .min(1)
    .default(1_000)
    .describe('Backoff before the first retry; doubled after each failed attempt, with full jitter'),
  maxDelayMs: z.number().int().min(1).default(60_000).describe('Ceiling of one backoff delay'),
};

export const webhookChannelSchema = z
  .object({
    type: z.literal('webhook').describe('Generic JSON webhook: the message as a signed JSON body'),
    url: channelUrl,
    secret: secretRef,
    ...delivery,
  })
  .strict()
  .describe('Generic JSON webhook; every body is HMAC-SHA256 signed (Portcullis-Timestamp, Portcullis-Signature)');

export const slackChannelSchema = z
  .object({
    type: z.literal('slack').describe('Slack-compatible incoming webhook (text + blocks)'),
    url: channelUrl,
    secret: secretRef.optional(),
    ...delivery,
  })
  .strict()
  .describe('Slack (or Mattermost, Rocket.Chat) incoming webhook; signed too when a secret is set');

export const channelSchema = z.discriminatedUnion('type', [webhookChannelSchema, slackChannelSchema]);

export const channelName = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_" or "-"');

export const notificationsConfigSchema = z
  .object({
    channels: z
      .record(channelName, channelSchema)
      .default({})
      .describe('Named outgoing channels; approval rules and other features refer to them by name'),
  })
  .strict();

export type ChannelConfig = z.output<typeof channelSchema>;
export type NotificationsConfig = z.output<typeof notificationsConfigSchema>;

/**
 * For sections that name channels (e.g. approval rules): adds a config issue at `path` when `channel` is not
 * defined under notifications.channels, with the closest name as a suggestion. Call it from a superRefine.
 */
export function checkChannelReference(
  notifications: { channels: Record<string, unknown> } | undefined,
  channel: string,
  path: (string | number)[],
  ctx: z.RefinementCtx,
): void {
  const known = Object.keys(notifications?.channels ?? {});
  if (known.includes(channel)) return;
  const hint = known.length === 0 ? ' (none is defined)' : didYouMean(channel, known);
  ctx.addIssue({
    code: 'custom',
    path,
    message: `notification channel "${channel}" is not defined under notifications.channels${hint}`,
  });
}
