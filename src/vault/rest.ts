/**
 * `/api/v1/secrets` (admin role): the same rules as the CLI. GET lists names, versions, times and key ids, never
 * values; PUT /api/v1/secrets/NAME `{ "value": "..." }` creates or updates; POST /api/v1/secrets/NAME/rotate
 * `{ "value": "..." }` replaces an existing secret; DELETE /api/v1/secrets/NAME deletes. No response carries a
 * value. Every change is reported through `onChange` (a `secret.changed` audit event). Errors are thrown as
 * `HttpError`s (status and body from the one error-code table); a method a path does not take is answered by the admin
 * API's router (405 with `Allow`) before this handler runs.
 */
import { HttpError } from '../core/http-error.js';
import { VaultCryptoError } from './envelope.js';
import { SECRET_NAME, SecretConflictError, SecretNotFoundError, type Vault } from './vault.js';

export interface SecretsApiResponse {
  status: number;
  body: unknown;
}

export interface SecretsApiDeps {
  vault: Vault;
  onChange(change: { user: string; secret: string; action: string; version?: number }): void;
}

export async function handleSecretsApi(
  deps: SecretsApiDeps,
  url: URL,
  ctx: { user: string; method: string; readJson(): Promise<unknown> },
): Promise<SecretsApiResponse | undefined> {
  const rest = url.pathname.slice('/api/v1/secrets'.length);
  try {
    // Another method here is not this handler's (the router answers it first; never act on it).
    if (rest === '' || rest === '/') {
      if (ctx.method !== 'GET') return undefined;
      return { status: 200, body: { secrets: await deps.vault.list() } };
    }
    const m = /^\/([^/]+)(\/rotate)?$/.exec(rest);
    if (!m) return undefined;
    const name = decodeURIComponent(m[1]!);
    if (!SECRET_NAME.test(name)) throw new HttpError('request.invalid', 'Invalid secret name');
    const valueOf = async (): Promise<string> => {
      const body = (await ctx.readJson()) as { value?: unknown } | null;
      if (!body || typeof body.value !== 'string' || body.value === '' || Object.keys(body).length !== 1)
        throw new TypeError('expected { "value": "<non-empty string>" }');
      return body.value;
    };
    if (m[2]) {
      if (ctx.method !== 'POST') return undefined;
      const meta = await deps.vault.rotate(name, await valueOf());
      deps.onChange({ user: ctx.user, secret: name, action: 'rotated', version: meta.version });
      return { status: 200, body: meta };
    }
    if (ctx.method === 'PUT') {
      const meta = await deps.vault.set(name, await valueOf());
      deps.onChange({
        user: ctx.user,
        secret: name,
        action: meta.version === 1 ? 'created' : 'updated',
        version: meta.version,
      });
      return { status: meta.version === 1 ? 201 : 200, body: meta };
    }
    if (ctx.method === 'DELETE') {
      if (!(await deps.vault.delete(name))) throw new HttpError('request.not_found', `No secret named ${name}`);
      deps.onChange({ user: ctx.user, secret: name, action: 'deleted' });
      return { status: 200, body: { deleted: name } };
    }
    return undefined;
  } catch (e) {
    if (e instanceof HttpError) throw e;
    if (e instanceof SecretNotFoundError) throw new HttpError('request.not_found', e.message);
    if (e instanceof SecretConflictError) throw new HttpError('secret.conflict', e.message);
    // The vault cannot be opened (no or wrong master key, tampered file): say so, never more.
    if (e instanceof VaultCryptoError) throw new HttpError('store.unavailable', e.message);
    throw new HttpError('request.invalid', (e as Error).message);
  }
}
