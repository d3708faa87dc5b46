import { errorCodes, isGatewayError, type ErrorCode } from './errors.js';

/**
 * The one error type of the HTTP edges (REST API, health, metadata): a gateway error code, its status from the
 * error-code table (never chosen at the throw site), a safe message and optional headers. Mapped once, here.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message ?? errorCodes[code].message);
    this.status = errorCodes[code].http;
  }
  body(): { error: { code: ErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/** Any error → the HttpError to answer with: gateway errors keep their code and safe message; anything else is internal. */
export function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (isGatewayError(e)) return new HttpError(e.code, e.message);
  return new HttpError('internal');
}
