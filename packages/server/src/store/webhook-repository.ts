import { randomBytes, randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { WebhookAttemptsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from './database.js';
import type { Executor } from './store.js';
import type { StoreEngine } from './store-engine.js';

export type WebhookEndpointRow = Selectable<WebhookEndpointsTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptsTable>;

/** A Standard Webhooks signing secret: `whsec_` and 24 random bytes in base64. */
export const newSigningSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export async function insertEndpoint(
  executor: Executor,
  endpoint: { workspaceId: string; url: string; description: string | null; events: string[]; now: number },
): Promise<WebhookEndpointRow> {
  const row: WebhookEndpointRow = {
    id: `whk_${randomUUID().replaceAll('-', '')}`,
    workspace_id: endpoint.workspaceId,
    url: endpoint.url,
    description: endpoint.description,
    events_json: JSON.stringify(endpoint.events),
    secret: newSigningSecret(),
    created_at: endpoint.now,
    failing_since: null,
    disabled_at: null,
    deleted_at: null,
  };
  await executor.insertInto('webhook_endpoints').values(row).execute();
  return row;
}

export function listEndpoints(executor: Executor, workspaceId: string): Promise<WebhookEndpointRow[]> {
  return executor
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .execute();
}

export function findEndpoint(
  executor: Executor,
  workspaceId: string,
  id: string,
): Promise<WebhookEndpointRow | undefined> {
  return executor
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('id', '=', id)
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Removes an endpoint; its pending deliveries are dropped with it. True for the caller that removed it. */
/** Ends an endpoint's pending deliveries (all of them, or only those no sender holds) with `reason`. */
async function endPendingDeliveries(
  executor: Executor,
  endpointId: string,
  reason: string,
  which: 'all' | 'unleased',
): Promise<void> {
  let query = executor
    .updateTable('webhook_deliveries')
    .set({ status: 'failed', next_attempt_at: null, last_error: reason })
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending');
  if (which === 'unleased') query = query.where('lease_owner', 'is', null);
  await query.execute();
}

export async function deleteEndpoint(executor: Executor, id: string, now: number): Promise<boolean> {
  const result = await executor
    .updateTable('webhook_endpoints')
    .set({ deleted_at: now })
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  await endPendingDeliveries(executor, id, 'the endpoint was removed', 'all');
  return Number(result.numUpdatedRows) === 1;
}

export async function rotateEndpointSecret(executor: Executor, id: string): Promise<string> {
  const secret = newSigningSecret();
  await executor.updateTable('webhook_endpoints').set({ secret }).where('id', '=', id).execute();
  return secret;
}

/** The workspace's default callback secret, made on first use (the first writer's wins). */
export async function workspaceSigningSecret(
  executor: Executor,
  workspaceId: string,
  now: number,
): Promise<string> {
  await executor
    .insertInto('workspace_signing_secrets')
    .values({ workspace_id: workspaceId, secret: newSigningSecret(), created_at: now })
    .onConflict((conflict) => conflict.column('workspace_id').doNothing())
    .execute();
  const row = await executor
    .selectFrom('workspace_signing_secrets')
    .select('secret')
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.secret;
}

export async function rotateWorkspaceSigningSecret(
  executor: Executor,
  workspaceId: string,
  now: number,
): Promise<string> {
  await workspaceSigningSecret(executor, workspaceId, now);
  const secret = newSigningSecret();
  await executor
    .updateTable('workspace_signing_secrets')
    .set({ secret, created_at: now })
    .where('workspace_id', '=', workspaceId)
    .execute();
  return secret;
}

/** Whether an endpoint of the workspace was disabled for failing (the flag its API reads show). */
export async function hasDisabledEndpoint(executor: Executor, workspaceId: string): Promise<boolean> {
  const row = await executor
    .selectFrom('webhook_endpoints')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('disabled_at', 'is not', null)
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewDelivery {
  eventId: string;
  eventType: string;
  workspaceId: string;
  taskId: string;
  endpointId: string | null;
  url: string;
  secret: string | null;
  payload: unknown;
  now: number;
}

export async function insertDeliveries(executor: Executor, deliveries: NewDelivery[]): Promise<void> {
  if (deliveries.length === 0) return;
  await executor
    .insertInto('webhook_deliveries')
    .values(
      deliveries.map((delivery) => ({
        id: `msg_${randomUUID().replaceAll('-', '')}`,
        event_id: delivery.eventId,
        event_type: delivery.eventType,
        workspace_id: delivery.workspaceId,
        task_id: delivery.taskId,
        endpoint_id: delivery.endpointId,
        url: delivery.url,
        secret: delivery.secret,
        payload_json: JSON.stringify(delivery.payload),
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: delivery.now,
        lease_owner: null,
        lease_until: null,
        created_at: delivery.now,
        delivered_at: null,
        last_error: null,
      })),
    )
    .execute();
}

/**
 * Leases up to `limit` due deliveries (FOR UPDATE SKIP LOCKED on PostgreSQL; one atomic UPDATE on
 * SQLite), so two instances never send the same attempt. `skipEndpoints` are at their in-flight cap.
 */
export async function claimDueDeliveries(
  executor: Executor,
  engine: StoreEngine,
  claim: { leaseOwner: string; now: number; leaseMs: number; limit: number; skipEndpoints: string[] },
): Promise<WebhookDeliveryRow[]> {
  let candidates = executor
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', claim.now)
    .where((builder) =>
      builder.or([builder('lease_until', 'is', null), builder('lease_until', '<', claim.now)]),
    )
    .$if(claim.skipEndpoints.length > 0, (query) =>
      query.where((builder) =>
        builder.or([
          builder('endpoint_id', 'is', null),
          builder('endpoint_id', 'not in', claim.skipEndpoints),
        ]),
      ),
    )
    .orderBy('next_attempt_at')
    .limit(claim.limit);
  if (engine === 'postgres') candidates = candidates.forUpdate().skipLocked();
  return executor
    .updateTable('webhook_deliveries')
    .set({ lease_owner: claim.leaseOwner, lease_until: claim.now + claim.leaseMs })
    .where('id', 'in', candidates)
    .where('status', '=', 'pending')
    .where((builder) =>
      builder.or([builder('lease_until', 'is', null), builder('lease_until', '<', claim.now)]),
    )
    .returningAll()
    .execute();
}

/** When the next delivery falls due (null when none is pending): how long the sender may sleep. */
export async function nextDeliveryDueAt(executor: Executor): Promise<number | null> {
  const row = await executor
    .selectFrom('webhook_deliveries')
    .select((builder) => builder.fn.min('next_attempt_at').as('due'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row?.due === null || row?.due === undefined ? null : Number(row.due);
}

export async function recordAttempt(
  executor: Executor,
  attempt: {
    deliveryId: string;
    at: number;
    statusCode: number | null;
    latencyMs: number;
    error: string | null;
  },
): Promise<void> {
  await executor
    .insertInto('webhook_attempts')
    .values({
      id: randomUUID(),
      delivery_id: attempt.deliveryId,
      attempted_at: attempt.at,
      status_code: attempt.statusCode,
      latency_ms: attempt.latencyMs,
      error: attempt.error,
    })
    .execute();
}

/**
 * What an attempt decided for its delivery, written only while the sender still holds the lease:
 * `delivered`, or another attempt at `nextAttemptAt`, or `failed` once the schedule is spent.
 */
export async function settleAttempt(
  executor: Executor,
  delivery: Pick<WebhookDeliveryRow, 'id' | 'attempts'>,
  leaseOwner: string,
  outcome:
    | { status: 'delivered'; now: number }
    | { status: 'pending'; nextAttemptAt: number; error: string }
    | { status: 'failed'; error: string },
): Promise<boolean> {
  const result = await executor
    .updateTable('webhook_deliveries')
    .set({
      status: outcome.status,
      attempts: delivery.attempts + 1,
      next_attempt_at: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
      delivered_at: outcome.status === 'delivered' ? outcome.now : null,
      last_error: outcome.status === 'delivered' ? null : outcome.error,
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', delivery.id)
    .where('lease_owner', '=', leaseOwner)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Keeps an endpoint's health: a delivery that worked clears `failing_since`; one that failed sets it
 * (if unset) and disables the endpoint once it has failed for `disableAfterMs`. True when this call
 * disabled it.
 */
export async function noteEndpointHealth(
  executor: Executor,
  endpointId: string,
  health: { ok: boolean; now: number; disableAfterMs: number },
): Promise<boolean> {
  if (health.ok) {
    await executor
      .updateTable('webhook_endpoints')
      .set({ failing_since: null })
      .where('id', '=', endpointId)
      .where('failing_since', 'is not', null)
      .execute();
    return false;
  }
  await executor
    .updateTable('webhook_endpoints')
    .set({ failing_since: health.now })
    .where('id', '=', endpointId)
    .where('failing_since', 'is', null)
    .execute();
  const disabled = await executor
    .updateTable('webhook_endpoints')
    .set({ disabled_at: health.now })
    .where('id', '=', endpointId)
    .where('disabled_at', 'is', null)
    .where('failing_since', '<=', health.now - health.disableAfterMs)
    .executeTakeFirst();
  if (Number(disabled.numUpdatedRows) !== 1) return false;
  // A disabled endpoint receives nothing more: what it still had pending ends here.
  await endPendingDeliveries(executor, endpointId, 'the endpoint was disabled', 'unleased');
  return true;
}

export function listDeliveries(
  executor: Executor,
  endpointId: string,
  limit: number,
): Promise<WebhookDeliveryRow[]> {
  return executor
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('endpoint_id', '=', endpointId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function attemptsOf(executor: Executor, deliveryIds: string[]): Promise<WebhookAttemptRow[]> {
  if (deliveryIds.length === 0) return Promise.resolve([]);
  return executor
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', 'in', deliveryIds)
    .orderBy('attempted_at')
    .execute();
}

export function findDelivery(
  executor: Executor,
  endpointId: string,
  id: string,
): Promise<WebhookDeliveryRow | undefined> {
  return executor
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('id', '=', id)
    .where('endpoint_id', '=', endpointId)
    .executeTakeFirst();
}

/** Sends a delivery again from now, whatever it ended as; the `webhook-id` stays the same. */
export async function requeueDelivery(executor: Executor, id: string, now: number): Promise<void> {
  await executor
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: now, delivered_at: null })
    .where('id', '=', id)
    .execute();
}

/** Endpoints of the workspace that take this event type, and are neither disabled nor removed. */
export async function endpointsFor(
  executor: Executor,
  workspaceId: string,
  eventType: string,
): Promise<WebhookEndpointRow[]> {
  const rows = await executor
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('deleted_at', 'is', null)
    .where('disabled_at', 'is', null)
    .execute();
  return rows.filter((row) => (JSON.parse(row.events_json) as string[]).includes(eventType));
}

export async function endpointSecret(executor: Executor, id: string): Promise<string | undefined> {
  const row = await executor
    .selectFrom('webhook_endpoints')
    .select('secret')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.secret;
}
