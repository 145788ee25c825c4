import { createHmac, timingSafeEqual } from 'node:crypto';
import { type WebhookEvent, type WebhookRequest, WebhookVerificationError } from '@ads/provider';

/** How far a callback's timestamp may be from now before it counts as a replay. */
export const kieWebhookToleranceSeconds = 300;

interface KieCallback {
  taskId?: unknown;
  task_id?: unknown;
  data?: { taskId?: unknown; task_id?: unknown } | null;
}

/** Where kie's families put the taskId: jobs `data.taskId`, Runway `data.task_id`, Aleph top-level `taskId`. */
function taskIdOf(body: KieCallback): string | undefined {
  const candidates = [body.data?.taskId, body.data?.task_id, body.taskId, body.task_id];
  return candidates.find((value): value is string => typeof value === 'string' && value.length > 0);
}

/** The signature kie sends: base64(HMAC-SHA256(taskId + "." + timestamp, key)). */
export function kieWebhookSignature(taskId: string, timestamp: string, key: string): string {
  return createHmac('sha256', key).update(`${taskId}.${timestamp}`).digest('base64');
}

function verify(request: WebhookRequest, taskId: string, key: string, nowSeconds: number): void {
  const timestamp = request.headers['x-webhook-timestamp'];
  const signature = request.headers['x-webhook-signature'];
  if (!timestamp || !signature)
    throw new WebhookVerificationError({
      message: 'kie callback without X-Webhook-Timestamp and X-Webhook-Signature',
    });
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > kieWebhookToleranceSeconds) {
    throw new WebhookVerificationError({ message: 'kie callback timestamp is outside the allowed window' });
  }
  const expected = Buffer.from(kieWebhookSignature(taskId, timestamp, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new WebhookVerificationError({ message: 'kie callback signature does not match' });
  }
}

/**
 * Reads a kie callback. kie's HMAC covers only `taskId + "." + timestamp`, never the body, so even a
 * verified callback proves only that kie has news of this taskId: it never carries a status. The
 * engine reads the record (kie's Veo docs call record-info "the final authority") and settles from
 * that. A signed callback is `verified` (kie sent it); without a key it is an unverified hint.
 */
export function parseKieWebhook(
  request: WebhookRequest,
  hmacKey: string | undefined,
  nowSeconds: number,
): WebhookEvent {
  let body: KieCallback;
  try {
    body = JSON.parse(Buffer.from(request.rawBody).toString('utf8'));
  } catch (cause) {
    throw new WebhookVerificationError({ message: 'kie callback body is not JSON', cause });
  }
  const upstreamId = taskIdOf(body ?? {});
  if (!upstreamId) throw new WebhookVerificationError({ message: 'kie callback names no taskId' });
  if (!hmacKey) return { upstreamId, verified: false };
  verify(request, upstreamId, hmacKey, nowSeconds);
  return { upstreamId, verified: true };
}
