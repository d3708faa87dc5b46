import { isAbsolute, join, resolve } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LoadedConfig } from '../config/load.js';
import { loadOrCreateSigningKey } from './keys.js';
import { createDefinitionSigner, type DefinitionSigner } from './sign.js';
import { SIGNING_KEYS_PATH } from './verify.js';

/** Where the gateway's tool signing key lives: `pins.signing.keyFile` (relative to the config) or the data dir. */
export function signingKeyPath(loaded: LoadedConfig): string {
  const file = loaded.config.pins.signing.keyFile;
  if (!file) return join(loaded.dataDir, 'tool-signing-key.pem');
  return isAbsolute(file) ? file : resolve(loaded.baseDir, file);
}

/** The gateway's definition signer (its key created on first start), or undefined when signing is off. */
export async function openToolSigner(
  loaded: LoadedConfig,
  log: (m: string) => void,
): Promise<DefinitionSigner | undefined> {
  if (!loaded.config.pins.signing.enabled) return undefined;
  const path = signingKeyPath(loaded);
  const { key, created } = await loadOrCreateSigningKey(path);
  const signer = createDefinitionSigner(key);
  if (created) log(`tool signing key created at ${path} (key id ${signer.kid}); back it up with the data dir`);
  return signer;
}

/**
 * `GET /.well-known/portcullis/tool-signing-keys`: the public key(s) served definitions are signed with, as a JWK set.
 * Public, unauthenticated (a verifier needs it before it has anything else); 404 when signing is off.
 */
export function signingKeysRoute(signer: () => DefinitionSigner | undefined) {
  return (req: IncomingMessage, res: ServerResponse, url: URL): boolean => {
    if (url.pathname !== SIGNING_KEYS_PATH) return false;
    const s = signer();
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'request.method_not_allowed', message: 'Method not allowed' } }));
      return true;
    }
    if (!s) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'request.not_found', message: 'Tool signing is off on this gateway' } }));
      return true;
    }
    res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify({ keys: [s.jwk] }));
    return true;
  };
}
