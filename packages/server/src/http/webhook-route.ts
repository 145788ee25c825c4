import express, { type Router } from 'express';
import type { Engine } from '../engine/engine.js';

/**
 * `POST /webhooks/:provider`: the raw body is kept as bytes, since signatures are computed over
 * exactly what the provider sent. The outcome is logged and counted, never answered.
 */
export function webhookRoute(engine: Engine, limit: string): Router {
  const router = express.Router();
  router.post('/webhooks/:provider', express.raw({ type: () => true, limit }), async (request, response) => {
    const rawBody: Uint8Array = Buffer.isBuffer(request.body) ? request.body : new Uint8Array();
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    const query = new URLSearchParams(request.originalUrl.split('?')[1] ?? '');
    await engine.webhook(String(request.params.provider), { headers, rawBody, query });
    // The same answer whatever the webhook named: it does not tell a caller which upstream ids exist.
    response.status(200).json({ received: true });
  });
  return router;
}
