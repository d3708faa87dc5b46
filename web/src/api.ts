/** The browser side of the REST API: same origin, session cookie, CSRF token on every state-changing request. */

export type Role = 'admin' | 'approver' | 'auditor';

export interface Me {
  user: string;
  roles: Role[];
  csrfToken: string;
  /** How the person signed in. */
  method?: 'api-key' | 'oidc';
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onSignedOut: () => void = () => undefined;

export function setSession(me: Me | undefined, signedOut?: () => void): void {
  csrfToken = me?.csrfToken ?? '';
  if (signedOut) onSignedOut = signedOut;
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'http';
  let message = `${res.status} ${res.statusText}`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(res.status, code, message);
}

/** Sends a request; JSON in and out. A 401 means the session is gone: the app shows the sign-in page. */
export async function request(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = csrfToken;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && path !== '/auth/session') onSignedOut();
    throw err;
  }
  return res;
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  return (await request(path, init)).json() as Promise<T>;
}

/** The signed-in person, or how one may sign in (`oidc`: single sign-on is configured). */
export const whoAmI = () =>
  api<(Me & { signedIn: true }) | { signedIn: false; oidc?: boolean }>('/auth/session').then((s) =>
    s.signedIn ? { me: s } : { oidc: s.oidc === true },
  );
export const signIn = (key: string) => api<Me>('/auth/session', { method: 'POST', body: { key } });
export const signOut = () => api<{ signedOut: boolean }>('/auth/session', { method: 'DELETE' });

/** Downloads a response as a file (export, report) without a navigation: the session cookie goes along. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await request(path);
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
