import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { RouteMetadata } from '@ads/contract';
import { type AppRoute, validateIfSchema, validateMultiSchemaObject } from '@ts-rest/core';
import { RequestValidationError } from '@ts-rest/express';
import type { Logger } from 'pino';
import type { Authenticator } from '../../auth/authenticator.js';
import { unstorableText } from '../../engine/storable-text.js';
import type { GatewayMetrics } from '../../metrics.js';
import type { ProxyTrust } from '../client-address.js';
import { toGatewayError } from '../error-handler.js';
import { beginRequest } from '../request-context.js';
import type { HandlerCall } from '../routes/task-handlers.js';
import { securityHeaderValues } from '../security-headers.js';
import { unstorableTextAt } from '../text-guard.js';
import type { DownloadHandler } from '../video-download.js';
import { writeError, writeJson } from './lean-answer.js';
import { hasBody, isPlainBody, readJsonBody } from './lean-body.js';

/** A contract route answered with JSON by a handler shared with its ts-rest route. */
export interface LeanJsonRoute {
  route: AppRoute;
  // biome-ignore lint/suspicious/noExplicitAny: each handler's request is checked by its route's schemas
  handle: (call: HandlerCall<any>) => Promise<{ status: number; body: unknown }>;
}

/** A contract route that serves its own stream, and hands what it does not serve to `fallback`. */
export interface LeanStreamRoute {
  route: AppRoute;
  serve: (request: IncomingMessage, response: ServerResponse, fallback: () => void) => void;
}

/** A download: a stored file streamed by a handler shared with its express route. */
export interface LeanDownloadRoute {
  route: AppRoute;
  download: DownloadHandler;
}

export type LeanRoute = LeanJsonRoute | LeanStreamRoute | LeanDownloadRoute;

export interface LeanRouterOptions {
  authenticator: Authenticator;
  logger: Logger;
  metrics: GatewayMetrics;
  trustProxy: ProxyTrust;
  /** The largest JSON body, in bytes (ADS_BODY_LIMIT). */
  bodyLimitBytes: number;
}

interface CompiledRoute {
  entry: LeanRoute;
  segments: string[];
}

/** `/v1/tasks/:id` → `{ id }` for `/v1/tasks/abc`; undefined when the path is another. */
function matchPath(segments: readonly string[], path: string): Record<string, string> | undefined {
  const parts = path.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < parts.length; index += 1) {
    const segment = segments[index] as string;
    const part = parts[index] as string;
    if (segment.startsWith(':')) {
      // An empty or percent-encoded part is decoded (and refused) by express, as are its NULs.
      if (part === '' || part.includes('%')) return undefined;
      params[segment.slice(1)] = part;
    } else if (segment !== part) return undefined;
  }
  return params;
}

/** ts-rest's own request checks, in its order, raising the error its routes raise. */
function validate(route: AppRoute, request: { params: object; headers: object; body: unknown }) {
  const params = validateIfSchema(request.params, route.pathParams, { passThroughExtraKeys: true });
  const headers = validateMultiSchemaObject(request.headers, route.headers);
  const query = validateIfSchema({}, route.query);
  const body = validateIfSchema(request.body, 'body' in route ? route.body : null);
  if (params.error || headers.error || query.error || body.error) {
    throw new RequestValidationError(
      params.error || null,
      headers.error || null,
      query.error || null,
      body.error || null,
    );
  }
  return { params: params.value, headers: headers.value, query: query.value, body: body.value };
}

/**
 * The routes that carry load, served on the bare Node objects: express and ts-rest cost more per
 * request than the gateway's own work. One table (lean-routes.ts) says which routes come here; each
 * is answered with the same validation (ts-rest's own, on the contract's schemas), the same
 * handler, headers, request log, metrics and error envelope as its express route. A request the lean
 * path cannot take as it stands (a browser's cross-origin request, a query string, an encoded or
 * non-UTF-8 body, a path express must decode) goes to express before anything of it is read.
 */
export class LeanRouter {
  private readonly routes: CompiledRoute[];

  constructor(
    routes: readonly LeanRoute[],
    private readonly options: LeanRouterOptions,
  ) {
    this.routes = routes.map((entry) => {
      const metadata = entry.route.metadata as RouteMetadata | undefined;
      if ('handle' in entry && metadata?.auth !== 'api-key') {
        throw new Error(`The lean path serves API-key routes only, not ${entry.route.path}`);
      }
      return { entry, segments: entry.route.path.split('/') };
    });
  }

  serve(request: IncomingMessage, response: ServerResponse, fallback: () => void): void {
    const url = request.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    for (const { entry, segments } of this.routes) {
      if (entry.route.method !== request.method) continue;
      const params = matchPath(segments, path);
      if (!params) continue;
      if ('serve' in entry) entry.serve(request, response, fallback);
      else if (request.headers.origin || /%00/i.test(url)) fallback();
      else if ('download' in entry) {
        if (hasBody(request)) fallback();
        else void this.download(entry, params, path, url.slice(path.length + 1), request, response);
      } else if (queryAt < 0 && ('body' in entry.route ? isPlainBody(request) : !hasBody(request))) {
        void this.answer(entry, params, path, request, response);
      } else fallback();
      return;
    }
    fallback();
  }

  private begin(route: AppRoute, path: string, request: IncomingMessage, response: ServerResponse) {
    const { options } = this;
    return beginRequest(request, response, {
      logger: options.logger,
      metrics: options.metrics,
      trust: options.trustProxy,
      route: route.path,
      path,
      lean: true,
    });
  }

  private async download(
    entry: LeanDownloadRoute,
    params: Record<string, string>,
    path: string,
    search: string,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const scope = this.begin(entry.route, path, request, response);
    response.setHeaders(new Map(Object.entries(securityHeaderValues)));
    try {
      // express's own query parser ("simple": node:querystring), so a repeated key is an array alike.
      await entry.download(request, response, params, { ...parseQuery(search) });
    } catch (error) {
      if (response.headersSent) return void response.destroy(error as Error);
      writeError(response, toGatewayError(error), scope);
    }
  }

  private async answer(
    entry: LeanJsonRoute,
    params: Record<string, string>,
    path: string,
    request: IncomingMessage,
    response: ServerResponse,
  ): Promise<void> {
    const { options } = this;
    const scope = this.begin(entry.route, path, request, response);
    try {
      const body = 'body' in entry.route ? await readJsonBody(request, options.bodyLimitBytes) : undefined;
      const unstorable = body === undefined ? undefined : unstorableTextAt(body);
      if (unstorable) throw unstorableText(unstorable);
      const caller = await options.authenticator.authenticate(
        request.headers as Record<string, string | undefined>,
        request.method ?? 'GET',
      );
      scope.caller = caller;
      const result = await entry.handle({
        caller,
        request: validate(entry.route, { params, headers: request.headers, body }),
        response,
      });
      writeJson(response, result.status, result.body);
    } catch (error) {
      writeError(response, toGatewayError(error), scope);
    }
  }
}
