import type { WebhookEvent } from '@ads/contract';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export type { WebhookEvent, WebhookEventType } from '@ads/contract';
export { WebhookVerificationError };

/** The three Standard Webhooks headers, in any case; a fetch `Headers` works too. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

function headerMap(headers: WebhookHeaders): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const map: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    map[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return map;
}

/**
 * Checks a delivery from an ads gateway and returns its event: the signature (`webhook-signature`,
 * HMAC-SHA256 over id, timestamp and the raw body, with the endpoint's or callback's `whsec_`
 * secret) must match, and `webhook-timestamp` must be within five minutes. Pass the body exactly as
 * received (the raw text, not re-serialised JSON). Throws WebhookVerificationError otherwise.
 *
 * Deduplicate on `event.id` (also the `webhook-id` header): a retried delivery carries the same one.
 */
export function verifyWebhook(
  payload: string | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
): WebhookEvent {
  const body = typeof payload === 'string' ? payload : new TextDecoder().decode(payload);
  return new Webhook(secret).verify(body, headerMap(headers)) as WebhookEvent;
}
