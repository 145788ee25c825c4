import type { ServerResponse } from 'node:http';
import type { GatewayError } from '../../engine/gateway-error.js';
import { errorAnswer } from '../error-handler.js';
import type { RequestLocals } from '../request-context.js';
import { securityHeaderValues } from '../security-headers.js';

/** A JSON answer as express's `res.json` writes it, with the headers every answer carries. */
export function writeJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...securityHeaderValues,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** An error in the common envelope, as the express error handler answers it. */
export function writeError(response: ServerResponse, error: GatewayError, scope: RequestLocals): void {
  const answer = errorAnswer(error, scope);
  if (response.headersSent) return void response.end();
  if (error.retryAfterSeconds !== undefined)
    response.setHeader('Retry-After', String(error.retryAfterSeconds));
  writeJson(response, answer.status, answer.body);
}
