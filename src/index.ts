/**
 * The package's importable surface (`import { … } from 'portcullis'`): what a client or a receiver of Portcullis
 * output needs to check it. The gateway itself is run through the CLI (`portcullis serve`), not imported.
 * - Signed tool and prompt definitions: verify what an agent was served (also `portcullis/verify`).
 * - Webhook notifications: verify a delivery's HMAC signature.
 */
export {
  fetchSigningKeys,
  signatureOf,
  signedPayload,
  verifyDefinitionList,
  verifyToolDefinition,
  verifyToolList,
  SIGNATURE_KEY,
  SIGNING_KEYS_PATH,
  type Ed25519Jwk,
  type JwkSet,
  type VerifyResult,
} from './signing/verify.js';
export { verifyWebhookSignature } from './notify/signature.js';
