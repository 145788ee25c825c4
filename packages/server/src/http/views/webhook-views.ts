import type {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookEventType,
} from '@ads/contract';
import type { DeliveryWithAttempts } from '../../engine/webhooks/webhook-endpoints.js';
import type { WebhookEndpointRow } from '../../store/webhook-repository.js';
import { iso, isoOrNull } from './times.js';

export function endpointView(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    object: 'webhook_endpoint',
    url: row.url,
    events: JSON.parse(row.events_json) as WebhookEventType[],
    description: row.description,
    workspace_id: row.workspace_id,
    created_at: iso(row.created_at),
    disabled: row.disabled_at !== null,
    disabled_at: isoOrNull(row.disabled_at),
    failing_since: isoOrNull(row.failing_since),
  };
}

/** The endpoint with its secret: only in the answers that make or rotate it. */
export const endpointWithSecretView = (row: WebhookEndpointRow): WebhookEndpointWithSecret => ({
  ...endpointView(row),
  secret: row.secret,
});

export function deliveryView({ delivery, attempts }: DeliveryWithAttempts): WebhookDelivery {
  return {
    id: delivery.id,
    object: 'webhook_delivery',
    event_id: delivery.event_id,
    event_type: delivery.event_type as WebhookEventType,
    task_id: delivery.task_id,
    status: delivery.status,
    created_at: iso(delivery.created_at),
    delivered_at: isoOrNull(delivery.delivered_at),
    next_attempt_at: isoOrNull(delivery.next_attempt_at),
    attempts: attempts.map((attempt) => ({
      attempted_at: iso(attempt.attempted_at),
      status_code: attempt.status_code,
      latency_ms: Number(attempt.latency_ms),
      error: attempt.error,
    })),
  };
}
