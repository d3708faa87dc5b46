/**
 * `openapi.<name>.headers`: fixed headers the gateway sends on every request to the API (an API version, a tenant
 * id, or a credential that is no security scheme of the spec: `X-Team-Token: "${secret:TEAM_TOKEN}"`). Values that
 * hold `${secret:NAME}` are resolved per request on the outbound path, so a rotated secret is sent from the next
 * call on. The agent can neither set, shadow nor duplicate these headers (they join the credential boundary), and
 * hop-by-hop or framing headers cannot be configured at all.
 */
import { z } from 'zod';
import { hasSecretRef } from '../../vault/references.js';
import { AuthError } from './auth.js';
import type { BuiltRequest } from './build-request.js';
import { TOKEN, isGatewayOnlyHeader, isSafeHeaderValue, isToken } from './credential-boundary.js';

/** Gateway-only headers that still carry application data a config may set (credentials, cookies). */
const CONFIGURABLE = new Set(['authorization', 'cookie', 'proxy-authorization']);

export const openApiHeadersSchema = z
  .record(
    z
      .string()
      .refine(isToken, 'must be an HTTP header name')
      .refine(
        (n) => !isGatewayOnlyHeader(n) || CONFIGURABLE.has(n.toLowerCase()),
        'hop-by-hop and framing headers (Host, Content-Length, Transfer-Encoding, Connection, ...) are the gateway’s own',
      )
      // The JSON Schema states the name's syntax; the gateway's own headers are refused when the config loads.
      .meta({ pattern: TOKEN.source }),
    z.string().min(1),
  )
  .describe(
    'Headers sent on every request to this API; values may hold ${secret:NAME} (resolved per request). The agent cannot set or shadow them',
  );

export type OpenApiHeaders = z.output<typeof openApiHeadersSchema>;

/**
 * Sets the configured headers on a built request (replacing any header of the same name), resolving references
 * through `resolve`. Every value sent is reported to `sent` so results and errors can be scanned for it.
 */
export function createExtraHeaders(
  headers: OpenApiHeaders,
  resolve: (text: string) => string | undefined | Promise<string | undefined>,
  sent: (value: string) => void,
) {
  const entries = Object.entries(headers).map(([name, template]) => ({ name: name.toLowerCase(), template }));
  return async function apply(req: BuiltRequest): Promise<void> {
    for (const { name, template } of entries) {
      let value = template;
      if (hasSecretRef(template)) {
        let resolved: string | undefined;
        try {
          resolved = await resolve(template);
        } catch (e) {
          throw new AuthError(`header ${name} is unavailable: ${(e as Error).message}`);
        }
        if (resolved === undefined || resolved === '') throw new AuthError(`header ${name}: its secret is not set`);
        value = resolved;
        sent(value);
      }
      if (!isSafeHeaderValue(value)) throw new AuthError(`header ${name} would carry control characters`);
      for (const k of Object.keys(req.headers)) if (k.toLowerCase() === name) delete req.headers[k];
      req.headers[name] = value;
    }
  };
}
