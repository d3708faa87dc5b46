/**
 * Who the API call is for: forwards the user the agent acts for as configured headers, and/or exchanges the
 * user's token for one issued to this API (RFC 8693). Runs after the credential boundary (auth.ts) and wins over
 * it for the headers it sets, so the API sees the user's token and never the agent's.
 */
import { z } from 'zod';
import { subjectTokenOf } from '../../authn/subject-tokens.js';
import { createTokenExchanger, TokenExchangeError } from '../../authn/token-exchange.js';
import type { Principal } from '../../core/principal.js';
import type { BuiltRequest } from './build-request.js';

const headerName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name');

export const onBehalfOfSchema = z
  .object({
    /** Refuse calls whose principal names no user (default), instead of calling the API as nobody. */
    requireUser: z
      .boolean()
      .default(true)
      .describe('Refuse calls whose principal names no user (instead of calling as nobody)'),
    /**
     * Headers to send, with placeholders `{user}`, `{email}`, `{groups}` (comma-separated) and `{agent}`.
     * A header whose placeholders are all empty is not sent.
     */
    headers: z
      .record(headerName, z.string().min(1))
      .default({})
      .describe('Headers to send, with {user}, {email}, {groups} and {agent} placeholders'),
    /** RFC 8693: exchange the user's token at the identity provider for one issued to this API. */
    tokenExchange: z
      .object({
        tokenEndpoint: z.url().describe('The identity provider’s token endpoint'),
        clientId: z.string().min(1).describe('Client id of the gateway at the identity provider'),
        clientSecret: z.string().min(1).describe('Client secret of the gateway (use ${secret:NAME})'),
        audience: z.string().min(1).optional().describe('RFC 8693 audience of the token asked for'),
        resource: z.url().optional().describe('RFC 8693 resource URL of the token asked for'),
        scope: z.string().min(1).optional().describe('Scope of the token asked for'),
        /** Where the exchanged token goes; `Bearer <token>` is its value. */
        header: headerName
          .default('Authorization')
          .describe('Header that carries the exchanged token as Bearer <token>'),
      })
      .strict()
      .optional()
      .describe('RFC 8693: exchange the user’s token for one issued to this API'),
  })
  .strict();

export type OnBehalfOfConfig = z.output<typeof onBehalfOfSchema>;

/** The call cannot be made for a user (none, no token to exchange, IdP refused); message is agent-safe. */
export class OnBehalfOfError extends Error {
  override readonly name = 'OnBehalfOfError';
}

const PLACEHOLDER = /\{(user|email|groups|agent)\}/g;
// Values come from verified tokens, but a header must still never be split.
const SAFE_VALUE = /^[\x20-\x7e\u0080-\uffff]*$/;

export function createOnBehalfOf(cfg: OnBehalfOfConfig, fetchImpl: typeof fetch = fetch) {
  const exchange = cfg.tokenExchange ? createTokenExchanger(cfg.tokenExchange, fetchImpl) : undefined;
  const setHeader = (req: BuiltRequest, name: string, value: string) => {
    for (const k of Object.keys(req.headers)) if (k.toLowerCase() === name.toLowerCase()) delete req.headers[k];
    req.headers[name] = value;
  };

  return async function apply(req: BuiltRequest, principal: Principal, signal: AbortSignal): Promise<void> {
    if (cfg.requireUser && !principal.user)
      throw new OnBehalfOfError('this API is called on behalf of a user, and the caller acts for none');
    const email = principal.claims?.email;
    const values: Record<string, string> = {
      user: principal.user ?? '',
      email: typeof email === 'string' ? email : '',
      groups: (principal.groups ?? []).join(','),
      agent: principal.agent,
    };
    for (const [name, template] of Object.entries(cfg.headers)) {
      let filled = false;
      const value = template.replace(PLACEHOLDER, (_m, k: string) => {
        if (values[k]) filled = true;
        return values[k] ?? '';
      });
      if (!filled && /\{(user|email|groups|agent)\}/.test(template)) continue;
      if (!SAFE_VALUE.test(value)) throw new OnBehalfOfError(`header ${name} would carry control characters`);
      setHeader(req, name, value);
    }
    if (exchange && cfg.tokenExchange) {
      const subject = subjectTokenOf(principal);
      if (!subject)
        throw new OnBehalfOfError("this API needs the user's token, and the caller did not sign in with OAuth");
      try {
        setHeader(req, cfg.tokenExchange.header, `Bearer ${await exchange(subject, signal)}`);
      } catch (e) {
        if (e instanceof TokenExchangeError) throw new OnBehalfOfError(e.message);
        throw e;
      }
    }
  };
}
