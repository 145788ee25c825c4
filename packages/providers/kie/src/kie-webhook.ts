import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  type JobStatus,
  type WebhookEvent,
  type WebhookRequest,
  WebhookVerificationError,
} from '@ads/provider';
import { jobStatusFromRecord, jobStatusFromVeoRecord, type KieJobRecord, urlList } from './kie-record.js';

/** How far a callback's timestamp may be from now before it counts as a replay. */
export const kieWebhookToleranceSeconds = 300;

interface KieCallback {
  code?: number;
  msg?: string;
  taskId?: string;
  task_id?: string;
  data?: (KieJobRecord & { task_id?: string; info?: { resultUrls?: unknown } }) | null;
}

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

/** Veo callbacks carry `data.info.resultUrls`; jobs callbacks carry the recordInfo shape. */
function statusOf(body: KieCallback): JobStatus | undefined {
  const data = body.data;
  if (data?.state !== undefined) return jobStatusFromRecord(data);
  if (data?.info !== undefined && body.code === 200) {
    return jobStatusFromVeoRecord({
      successFlag: 1,
      response: { resultUrls: urlList(data.info.resultUrls) },
    });
  }
  if (typeof body.code === 'number' && body.code !== 200) {
    return jobStatusFromVeoRecord({ successFlag: 2, errorCode: body.code, errorMessage: body.msg ?? null });
  }
  return undefined;
}

/**
 * Reads a kie callback. With a signing key, only a correctly signed, fresh callback is trusted as a
 * status; without one, the callback is an unverified hint to poll.
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
  const upstreamId = taskIdOf(body);
  if (!upstreamId) throw new WebhookVerificationError({ message: 'kie callback names no taskId' });
  if (!hmacKey) return { upstreamId, verified: false };
  verify(request, upstreamId, hmacKey, nowSeconds);
  const status = statusOf(body);
  return { upstreamId, verified: true, ...(status ? { status } : {}) };
}
