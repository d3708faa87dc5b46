/** Outgoing notifications (generic JSON webhook, Slack-compatible), signed, retried, never blocking. */
export type { Notifier, NotificationMessage, NotificationEvent } from './types.js';
export { createNotifier, backoffDelay, type NotifierDeps, type NotifierOptions } from './notifier.js';
export {
  notificationsConfigSchema,
  checkChannelReference,
  type ChannelConfig,
  type NotificationsConfig,
} from './config-schema.js';
export {
  verifyWebhookSignature,
  signPayload,
  TIMESTAMP_HEADER,
  SIGNATURE_HEADER,
  DELIVERY_HEADER,
  EVENT_HEADER,
  DEFAULT_TOLERANCE_SECONDS,
  type VerifyInput,
  type VerifyResult,
} from './signature.js';
