import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Caller } from '../auth/caller.js';
import type { GatewayMetrics } from '../metrics.js';
import { clientAddress, type ProxyTrust } from './client-address.js';

/** What the gateway attaches to each request: its id, a logger that carries the id, the caller. */
export interface RequestLocals {
  requestId: string;
  logger: Logger;
  caller?: Caller;
}

/**
 * One class for every request's locals, so they share one shape (a getter defined per object would
 * give each request its own hidden class, which costs memory while many requests are held open).
 */
class RequestScope implements RequestLocals {
  caller?: Caller;
  private requestLogger: Logger | undefined;

  constructor(
    readonly requestId: string,
    private readonly baseLogger: Logger,
  ) {}

  /** Made only when a handler logs something of its own (most requests log just the request line). */
  get logger(): Logger {
    this.requestLogger ??= this.baseLogger.child({ requestId: this.requestId });
    return this.requestLogger;
  }
}

export function locals(response: Response): RequestLocals {
  return response.locals as RequestLocals;
}

const validRequestId = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Gives a request its id (the client's X-Request-Id when it is sane, else a new one), echoes it
 * back, and logs one line with status and duration when the answer is sent. Framework-free, so the
 * express app and the lean path (lean/lean-router.ts) name, count and log requests alike.
 */
export function beginRequest(
  request: IncomingMessage,
  response: ServerResponse,
  scope: {
    logger: Logger;
    metrics: GatewayMetrics;
    /** Which peers are proxies, for the client address the line names. */
    trust: ProxyTrust;
    /** The route label and the path the line names: known at once on the lean path, later on express. */
    route: string | (() => string);
    path: string | (() => string);
    /** Set by the lean path (lean/lean-router.ts): the log line says which way a request was served. */
    lean?: boolean;
  },
): RequestLocals {
  const started = process.hrtime.bigint();
  const offered = request.headers['x-request-id'];
  const requestId = typeof offered === 'string' && validRequestId.test(offered) ? offered : randomUUID();
  response.setHeader('X-Request-Id', requestId);
  response.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const method = request.method ?? 'GET';
    const { route, path } = scope;
    scope.metrics.recordRequest(
      method,
      typeof route === 'string' ? route : route(),
      response.statusCode,
      seconds,
    );
    scope.logger.info(
      {
        requestId,
        method,
        path: typeof path === 'string' ? path : path(),
        status: response.statusCode,
        ms: Math.round(seconds * 1000),
        client: clientAddress(request, scope.trust),
        ...(scope.lean ? { lean: true } : {}),
      },
      'request',
    );
  });
  return new RequestScope(requestId, scope.logger);
}

/** beginRequest as express middleware; the route label is the contract path ts-rest matched. */
export function requestContext(logger: Logger, metrics: GatewayMetrics, trust: ProxyTrust) {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = beginRequest(request, response, {
      logger,
      metrics,
      trust,
      route: () =>
        String(
          (request as { tsRestRoute?: { path: string } }).tsRestRoute?.path ??
            request.route?.path ??
            'unmatched',
        ),
      path: () => request.path,
    });
    response.locals = started as unknown as Response['locals'];
    next();
  };
}
