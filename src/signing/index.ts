export { createDefinitionSigner, type DefinitionSigner } from './sign.js';
export { loadOrCreateSigningKey, publicJwkOf, signingKeyFromPem } from './keys.js';
export { openToolSigning, signingKeyPath, type ToolSigning } from './keyring.js';
export { signingKeysRoute } from './jwks-route.js';
export { upstreamSignatureCheck } from './upstream.js';
// Everything the verifier module exports is public: it is what a client needs to check a served definition.
export * from './verify.js';
