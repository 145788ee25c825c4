import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Caller } from '../auth/caller.js';
import type { GatewayMetrics } from '../metrics.js';

/** What the gateway attaches to each request: its id, a logger that carries the id, the caller. */
export interface RequestLocals {
  requestId: string;
  logger: Logger;
  caller?: Caller;
}

export function locals(response: Response): RequestLocals {
  return response.locals as RequestLocals;
}

const validRequestId = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives every request an id (the client's X-Request-Id when it is sane, else a new one), echoes it
 * back, and logs one line with status and duration when the answer is sent.
 */
export function requestContext(logger: Logger, metrics: GatewayMetrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    const offered = request.get('x-request-id');
    const requestId = offered && validRequestId.test(offered) ? offered : randomUUID();
    response.setHeader('X-Request-Id', requestId);
    const requestLogger = logger.child({ requestId });
    Object.assign(response.locals, { requestId, logger: requestLogger } satisfies RequestLocals);
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route =
        (request as { tsRestRoute?: { path: string } }).tsRestRoute?.path ??
        request.route?.path ??
        'unmatched';
      metrics.httpRequests.inc({
        method: request.method,
        route: String(route),
        status: String(response.statusCode),
      });
      metrics.httpDuration.observe({ method: request.method, route: String(route) }, seconds);
      requestLogger.info(
        {
          method: request.method,
          path: request.path,
          status: response.statusCode,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    });
    next();
  };
}
