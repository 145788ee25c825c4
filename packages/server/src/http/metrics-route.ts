import type { RequestHandler } from 'express';
import { sameSecret } from '../auth/api-key.js';
import { presentedApiKey } from '../auth/authenticator.js';
import { GatewayError } from '../engine/gateway-error.js';
import type { GatewayMetrics } from '../metrics.js';

/** `GET /metrics` in Prometheus' text format; with ADS_METRICS_TOKEN set, only for that bearer token. */
export function metricsRoute(metrics: GatewayMetrics, token: string | undefined): RequestHandler {
  return async (request, response, next) => {
    if (token) {
      const presented = presentedApiKey(request.headers);
      if (!presented || !sameSecret(presented, token)) {
        next(
          new GatewayError({
            code: 'unauthorized',
            message: '/metrics needs "Authorization: Bearer <ADS_METRICS_TOKEN>".',
          }),
        );
        return;
      }
    }
    response.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
