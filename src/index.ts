/**
 * The package's importable surface (`import { … } from 'portcullis'`): what a client or a receiver of Portcullis
 * output needs to check it. The gateway itself is run through the CLI (`portcullis serve`), not imported.
 * - Signed tool and prompt definitions: verify what an agent was served (also `portcullis/verify`).
 * - Webhook notifications: verify a delivery's HMAC signature.
 */
// Everything the verifier module exports is public: it is what a client needs to check a served definition.
export * from './signing/verify.js';
export { verifyWebhookSignature } from './notify/signature.js';
