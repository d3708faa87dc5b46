export { createDefinitionSigner, type DefinitionSigner } from './sign.js';
export { loadOrCreateSigningKey, publicJwkOf, signingKeyFromPem } from './keys.js';
export { openToolSigning, signingKeyPath, type ToolSigning } from './keyring.js';
export { signingKeysRoute } from './jwks-route.js';
export { upstreamSignatureCheck } from './upstream.js';
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
} from './verify.js';
