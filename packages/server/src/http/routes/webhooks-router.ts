import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { callerOf } from '../authenticate-route.js';
import { deliveryView, endpointView, endpointWithSecretView } from '../views/webhook-views.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

export function webhooksRouter({ webhooks }: GatewayServices) {
  const signingSecret = (secret: { workspaceId: string; secret: string }) => ({
    status: 200 as const,
    body: { object: 'signing_secret' as const, secret: secret.secret, workspace_id: secret.workspaceId },
  });
  return server.router(contract.webhooks, {
    createWebhook: async ({ body, res }) => {
      const endpoint = await webhooks.create(callerOf(res), {
        url: body.url,
        ...(body.events ? { events: body.events } : {}),
        ...(body.description === undefined ? {} : { description: body.description }),
        ...(body.workspace_id ? { workspaceId: body.workspace_id } : {}),
      });
      return { status: 201, body: endpointWithSecretView(endpoint) };
    },
    listWebhooks: async ({ query, res }) => {
      const { endpoints, disabled } = await webhooks.list(callerOf(res), query.workspace_id);
      return {
        status: 200,
        body: { object: 'list' as const, data: endpoints.map(endpointView), webhooks_disabled: disabled },
      };
    },
    getSigningSecret: async ({ query, res }) =>
      signingSecret(await webhooks.signingSecret(callerOf(res), query.workspace_id)),
    rotateSigningSecret: async ({ query, res }) =>
      signingSecret(await webhooks.signingSecret(callerOf(res), query.workspace_id, { rotate: true })),
    deleteWebhook: async ({ params, query, res }) => {
      await webhooks.remove(callerOf(res), params.id, query.workspace_id);
      return {
        status: 200,
        body: { id: params.id, object: 'webhook_endpoint' as const, deleted: true as const },
      };
    },
    rotateWebhookSecret: async ({ params, query, res }) => ({
      status: 200,
      body: endpointWithSecretView(await webhooks.rotate(callerOf(res), params.id, query.workspace_id)),
    }),
    listWebhookDeliveries: async ({ params, query, res }) => {
      const deliveries = await webhooks.deliveries(callerOf(res), params.id, {
        limit: query.limit,
        ...(query.workspace_id ? { workspaceId: query.workspace_id } : {}),
      });
      return { status: 200, body: { object: 'list' as const, data: deliveries.map(deliveryView) } };
    },
    redeliverWebhook: async ({ params, query, res }) => ({
      status: 202,
      body: deliveryView(
        await webhooks.redeliver(callerOf(res), params.id, params.deliveryId, query.workspace_id),
      ),
    }),
  });
}
