import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { workspaceIdField } from '../generation-fields.js';
import { pageLimitField } from '../paging.js';
import { routeMetadata } from '../route-metadata.js';
import { timestampField } from '../task.js';
import { restTaskSchema } from './rest-task.js';

const c = initContract();

/** The events a task sends; the three terminal ones are what an endpoint receives by default. */
export const webhookEventTypes = [
  'video.task.succeeded',
  'video.task.failed',
  'video.task.canceled',
  'video.task.running',
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];
export const defaultWebhookEvents: WebhookEventType[] = [
  'video.task.succeeded',
  'video.task.failed',
  'video.task.canceled',
];

const eventTypeField = z.enum(webhookEventTypes);

/** What a receiver gets: the Standard Webhooks payload, with the task in the REST shape. */
export const webhookEventSchema = z
  .object({
    id: z.string().describe('The event id: also the webhook-id header, the same on every attempt.'),
    type: eventTypeField,
    timestamp: timestampField.describe('When the change happened.'),
    data: restTaskSchema,
  })
  .describe('A task event, as POSTed to a webhook endpoint or a callback_url.');
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

const webhookIdParam = z.string().min(1).max(100).describe('The endpoint id (whk_...).');
const endpointPath = z.object({ id: webhookIdParam });
const workspaceQuery = z.object({ workspace_id: workspaceIdField.optional() });

export const webhookEndpointSchema = z.object({
  id: z.string(),
  object: z.literal('webhook_endpoint'),
  url: z.string(),
  events: z.array(eventTypeField),
  description: z.string().nullable(),
  workspace_id: z.string(),
  created_at: timestampField,
  disabled: z.boolean().describe('True once it failed for a day; it receives nothing until re-added.'),
  disabled_at: timestampField.nullable(),
  failing_since: timestampField
    .nullable()
    .describe('Since when its deliveries have been failing, if they are.'),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;

const withSecret = webhookEndpointSchema.extend({
  secret: z
    .string()
    .describe('The whsec_ signing secret: shown only here, when the endpoint is made or rotated.'),
});
export type WebhookEndpointWithSecret = z.infer<typeof withSecret>;

export const createWebhookBodySchema = z.object({
  url: z
    .string()
    .max(2048)
    .regex(/^https?:\/\//i, { error: 'must be an http(s) URL' })
    .pipe(z.url({ error: 'must be an http(s) URL' }))
    .describe('Where events are POSTed; it must resolve to a public address.'),
  events: z
    .array(eventTypeField)
    .min(1)
    .max(webhookEventTypes.length)
    .optional()
    .describe('The event types it receives (default the three terminal ones).'),
  description: z.string().max(500).optional(),
  workspace_id: workspaceIdField.optional(),
});

export const webhookAttemptSchema = z.object({
  attempted_at: timestampField,
  status_code: z.number().int().nullable().describe('What the receiver answered; null when it did not.'),
  latency_ms: z.number().int(),
  error: z.string().nullable(),
});

export const webhookDeliverySchema = z.object({
  id: z.string(),
  object: z.literal('webhook_delivery'),
  event_id: z.string(),
  event_type: eventTypeField,
  task_id: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  created_at: timestampField,
  delivered_at: timestampField.nullable(),
  next_attempt_at: timestampField.nullable(),
  attempts: z.array(webhookAttemptSchema).describe('Every attempt, oldest first.'),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;

const signingSecretSchema = z.object({
  object: z.literal('signing_secret'),
  secret: z
    .string()
    .describe('The whsec_ secret per-request callbacks are signed with when they name no callback_secret.'),
  workspace_id: z.string(),
});

const webhookExample = { params: { id: 'whk_3f2a9c0d5b7e4f1a8c6d2e0b9a7f5c3d' } };

export const webhooksContract = c.router(
  {
    createWebhook: {
      method: 'POST',
      path: '/v1/webhooks',
      body: createWebhookBodySchema,
      responses: { 201: withSecret },
      summary: 'Add a webhook endpoint',
      description:
        'Task events of the workspace are POSTed to it in the Standard Webhooks format, signed with its secret (shown once, in this answer). A URL that is not public is refused.',
      metadata: routeMetadata({
        auth: 'api-key',
        example: { body: { url: 'https://example.com/ads-webhooks' } },
      }),
    },
    listWebhooks: {
      method: 'GET',
      path: '/v1/webhooks',
      query: workspaceQuery,
      responses: {
        200: z.object({
          object: z.literal('list'),
          data: z.array(webhookEndpointSchema),
          webhooks_disabled: z.boolean().describe('True when an endpoint was disabled for failing.'),
        }),
      },
      summary: 'List the webhook endpoints',
      metadata: routeMetadata({ auth: 'api-key' }),
    },
    getSigningSecret: {
      method: 'GET',
      path: '/v1/webhooks/signing-secret',
      query: workspaceQuery,
      responses: { 200: signingSecretSchema },
      summary: 'The workspace’s signing secret for per-request callbacks',
      metadata: routeMetadata({ auth: 'api-key' }),
    },
    rotateSigningSecret: {
      method: 'POST',
      path: '/v1/webhooks/signing-secret/rotate',
      query: workspaceQuery,
      body: c.noBody(),
      responses: { 200: signingSecretSchema },
      summary: 'Replace the workspace’s signing secret',
      description: 'Callbacks sent from now on are signed with the new secret; the old one stops verifying.',
      metadata: routeMetadata({ auth: 'api-key' }),
    },
    deleteWebhook: {
      method: 'DELETE',
      path: '/v1/webhooks/:id',
      pathParams: endpointPath,
      query: workspaceQuery,
      body: c.noBody(),
      responses: {
        200: z.object({ id: z.string(), object: z.literal('webhook_endpoint'), deleted: z.literal(true) }),
      },
      summary: 'Remove a webhook endpoint',
      description: 'Its pending deliveries end with it.',
      metadata: routeMetadata({ auth: 'api-key', example: webhookExample }),
    },
    rotateWebhookSecret: {
      method: 'POST',
      path: '/v1/webhooks/:id/rotate-secret',
      pathParams: endpointPath,
      query: workspaceQuery,
      body: c.noBody(),
      responses: { 200: withSecret },
      summary: 'Replace an endpoint’s signing secret',
      description: 'Attempts from now on are signed with the new secret, shown once in this answer.',
      metadata: routeMetadata({ auth: 'api-key', example: webhookExample }),
    },
    listWebhookDeliveries: {
      method: 'GET',
      path: '/v1/webhooks/:id/deliveries',
      pathParams: endpointPath,
      query: workspaceQuery.extend({
        limit: pageLimitField('deliveries, newest first'),
      }),
      responses: { 200: z.object({ object: z.literal('list'), data: z.array(webhookDeliverySchema) }) },
      summary: 'An endpoint’s deliveries, with every attempt',
      metadata: routeMetadata({ auth: 'api-key', example: webhookExample }),
    },
    redeliverWebhook: {
      method: 'POST',
      path: '/v1/webhooks/:id/deliveries/:deliveryId/redeliver',
      pathParams: endpointPath.extend({ deliveryId: z.string().min(1).max(100) }),
      query: workspaceQuery,
      body: c.noBody(),
      responses: { 202: webhookDeliverySchema },
      summary: 'Send a delivery again',
      description:
        'The same event, with the same webhook-id, is sent again from now (with the usual retries).',
      metadata: routeMetadata({
        auth: 'api-key',
        example: { params: { ...webhookExample.params, deliveryId: 'msg_5c1e7a9b3d2f4e6a8b0c1d3e5f7a9b2c' } },
      }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
