import type { ServerResponse } from 'node:http';
import { toHttpError } from '../core/http-error.js';

export { HttpError, toHttpError } from '../core/http-error.js';

/** Writes any error as the JSON error body and status of the error-code table (the one place HTTP errors are sent). */
export function sendHttpError(res: ServerResponse, e: unknown): void {
  const err = toHttpError(e);
  if (res.headersSent) return void res.end();
  res.writeHead(err.status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...err.headers });
  res.end(JSON.stringify(err.body()));
}
