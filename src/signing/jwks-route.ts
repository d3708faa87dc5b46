import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, sendHttpError } from '../http/http-error.js';
import type { HttpRoute } from '../http/route.js';
import type { ToolSigning } from './keyring.js';
import { SIGNING_KEYS_PATH } from './verify.js';

/**
 * `GET /.well-known/portcullis/tool-signing-keys`: the public keys served definitions are signed with, as a JWK set
 * (the active key first, then retired ones still within `pins.signing.retiredKeyDays`). Public and unauthenticated:
 * a verifier needs it before it has anything else. 404 when signing is off.
 */
export function signingKeysRoute(signing: () => ToolSigning | undefined): HttpRoute {
  const serve = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (url.pathname !== SIGNING_KEYS_PATH) return false;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        throw new HttpError('request.method_not_allowed', undefined, { allow: 'GET, HEAD' });
      const s = signing();
      if (!s?.signer()) throw new HttpError('request.not_found', 'Tool signing is off on this gateway');
      const set = await s.keys().catch(() => {
        throw new HttpError('store.unavailable', 'Signing keys cannot be read right now');
      });
      res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' });
      res.end(req.method === 'HEAD' ? undefined : JSON.stringify(set));
    } catch (e) {
      sendHttpError(res, e);
    }
    return true;
  };
  return { paths: () => [SIGNING_KEYS_PATH], serve };
}
