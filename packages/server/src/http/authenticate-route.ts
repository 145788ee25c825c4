import type { RouteMetadata } from '@ads/contract';
import type { NextFunction, Request, Response } from 'express';
import type { Authenticator } from '../auth/authenticator.js';
import type { Caller } from '../auth/caller.js';
import { GatewayError } from '../engine/gateway-error.js';
import { locals } from './request-context.js';

/** Guards each contract route by its metadata: an API key, the admin token, or nobody. */
export function authenticateRoute(authenticator: Authenticator, adminToken: string | undefined) {
  return async (request: Request, response: Response, next: NextFunction) => {
    const metadata = (request as { tsRestRoute?: { metadata?: RouteMetadata } }).tsRestRoute?.metadata;
    const headers = request.headers as Record<string, string | undefined>;
    try {
      if (metadata?.auth === 'api-key') {
        locals(response).caller = await authenticator.authenticate(headers, request.method);
      } else if (metadata?.auth === 'session') {
        locals(response).caller = await authenticator.authenticateSession(headers, request.method);
      } else if (metadata?.auth === 'admin') {
        await authenticator.authenticateOperator(headers, request.method, adminToken);
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}

/** The caller the guard put on the request. */
export function callerOf(response: Response): Caller {
  const caller = locals(response).caller;
  if (!caller) throw new GatewayError({ code: 'unauthorized', message: 'This route needs an API key.' });
  return caller;
}
