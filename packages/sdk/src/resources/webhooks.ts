import type { Contract } from '@ads/contract';
import type { ClientInferRequest } from '@ts-rest/core';
import type { ApiPromise } from '../api-promise.js';
import { once, read, type SuccessBody, unwrap } from '../call.js';
import type { RawClient } from '../raw-client.js';
import type { RequestOptions } from '../transport.js';

type Routes = Contract['webhooks'];
export type CreateWebhookInput = ClientInferRequest<Routes['createWebhook']>['body'];
export type WebhookWorkspaceQuery = NonNullable<ClientInferRequest<Routes['listWebhooks']>['query']>;
export type WebhookDeliveriesQuery = NonNullable<
  ClientInferRequest<Routes['listWebhookDeliveries']>['query']
>;

/**
 * `/v1/webhooks`: a workspace's endpoints (each with its own whsec_ secret, shown when it is made or
 * rotated), their deliveries with every attempt, and the secret per-request callbacks are signed
 * with. Receivers check signatures with `verifyWebhook` from `@ads/sdk/webhooks`.
 */
export function webhooksResource(raw: RawClient) {
  return {
    create: (
      body: CreateWebhookInput,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['createWebhook']>> =>
      unwrap(raw.webhooks.createWebhook({ body, call: once(options) })),
    list: (
      query?: WebhookWorkspaceQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['listWebhooks']>> =>
      unwrap(raw.webhooks.listWebhooks({ query, call: read(options) })),
    /** Removing is the same however often it is asked, so it is retried like a read. */
    remove: (
      id: string,
      query?: WebhookWorkspaceQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['deleteWebhook']>> =>
      unwrap(raw.webhooks.deleteWebhook({ params: { id }, query, call: read(options) })),
    rotateSecret: (
      id: string,
      query?: WebhookWorkspaceQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['rotateWebhookSecret']>> =>
      unwrap(raw.webhooks.rotateWebhookSecret({ params: { id }, query, call: once(options) })),
    deliveries: (
      id: string,
      query?: Partial<WebhookDeliveriesQuery>,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['listWebhookDeliveries']>> =>
      unwrap(
        raw.webhooks.listWebhookDeliveries({
          params: { id },
          query: query as WebhookDeliveriesQuery,
          call: read(options),
        }),
      ),
    redeliver: (
      id: string,
      deliveryId: string,
      query?: WebhookWorkspaceQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['redeliverWebhook']>> =>
      unwrap(raw.webhooks.redeliverWebhook({ params: { id, deliveryId }, query, call: once(options) })),
    signingSecret: (
      query?: WebhookWorkspaceQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['getSigningSecret']>> =>
      unwrap(raw.webhooks.getSigningSecret({ query, call: read(options) })),
    rotateSigningSecret: (
      query?: WebhookWorkspaceQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Routes['rotateSigningSecret']>> =>
      unwrap(raw.webhooks.rotateSigningSecret({ query, call: once(options) })),
  };
}

export type WebhooksResource = ReturnType<typeof webhooksResource>;
