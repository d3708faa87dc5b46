export { createDefinitionSigner, type DefinitionSigner } from './sign.js';
export { loadOrCreateSigningKey, publicJwkOf, signingKeyFromPem } from './keys.js';
export {
  fetchSigningKeys,
  signatureOf,
  signedPayload,
  verifyToolDefinition,
  verifyToolList,
  SIGNATURE_KEY,
  SIGNING_KEYS_PATH,
  type Ed25519Jwk,
  type JwkSet,
  type VerifyResult,
} from './verify.js';
