import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract } from '@ads/contract';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { Engine } from '../engine/engine.js';
import type { GatewayMetrics } from '../metrics.js';
import type { ProxyTrust } from './client-address.js';
import { beginRequest } from './request-context.js';
import { securityHeaderValues } from './security-headers.js';
import type { TaskViews } from './views/task-views.js';

const { getTask } = contract.videos;
const prefix = '/v1/tasks/';

/**
 * `GET /v1/tasks/:id` without express: every waiting client polls this route, and express's own
 * per-request cost is most of its price. It uses the contract's id rule, the same authenticator,
 * `Engine.get` and view as the contract route, and answers only the plain success: a request with a
 * query string, a bad id, a missing or unknown key, or an unknown task goes on to the express app
 * untouched, which answers it with the contract's validation and the common error envelope. So the
 * two paths answer every request alike; this one is just quicker at the common case.
 */
export function leanTaskRead(options: {
  authenticator: Authenticator;
  engine: Engine;
  logger: Logger;
  metrics: GatewayMetrics;
  trustProxy: ProxyTrust;
  views: TaskViews;
}) {
  return (request: IncomingMessage, response: ServerResponse, fallback: () => void): void => {
    const url = request.url ?? '';
    const id = url.slice(prefix.length);
    // A browser's cross-origin request goes to the express app, which answers CORS.
    const plain =
      request.method === 'GET' && url.startsWith(prefix) && !url.includes('?') && !request.headers.origin;
    if (plain && getTask.pathParams.safeParse({ id }).success) answer(id).catch(fallback);
    else fallback();

    async function answer(taskId: string): Promise<void> {
      const caller = await options.authenticator.authenticate(request.headers, request.method ?? 'GET');
      const body = JSON.stringify(options.views.rest(await options.engine.get(caller, taskId)));
      beginRequest(request, response, {
        logger: options.logger,
        metrics: options.metrics,
        trust: options.trustProxy,
        route: () => getTask.path,
        path: () => url,
      });
      response.writeHead(200, {
        ...securityHeaderValues,
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      });
      response.end(body);
    }
  };
}
