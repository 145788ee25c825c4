import { defaultWebhookEvents, type WebhookEventType } from '@ads/contract';
import type { Caller } from '../../auth/caller.js';
import {
  attemptsOf,
  deleteEndpoint,
  findDelivery,
  findEndpoint,
  hasDisabledEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  requeueDelivery,
  rotateEndpointSecret,
  rotateWorkspaceSigningSecret,
  type WebhookAttemptRow,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  workspaceSigningSecret,
} from '../../store/webhook-repository.js';
import type { WorkspaceRow } from '../../store/workspace-repository.js';
import type { EngineContext } from '../engine-context.js';
import { notFound } from '../gateway-error.js';
import { checkClientUrl } from './client-url.js';

export interface DeliveryWithAttempts {
  delivery: WebhookDeliveryRow;
  attempts: WebhookAttemptRow[];
}

type WorkspaceOf = (caller: Caller, workspaceId: string | undefined) => Promise<WorkspaceRow>;

/** A workspace's webhook endpoints, their deliveries and its callback signing secret. */
export class WebhookEndpoints {
  constructor(
    private readonly context: EngineContext,
    private readonly workspaceOf: WorkspaceOf,
  ) {}

  private get db() {
    return this.context.store.db;
  }

  async create(
    caller: Caller,
    request: { url: string; events?: WebhookEventType[]; description?: string; workspaceId?: string },
  ): Promise<WebhookEndpointRow> {
    const workspace = await this.workspaceOf(caller, request.workspaceId);
    await checkClientUrl(this.context, request.url, 'url');
    return insertEndpoint(this.db, {
      workspaceId: workspace.id,
      url: request.url,
      description: request.description ?? null,
      events: [...new Set(request.events ?? defaultWebhookEvents)],
      now: this.context.now(),
    });
  }

  async list(
    caller: Caller,
    workspaceId?: string,
  ): Promise<{ endpoints: WebhookEndpointRow[]; disabled: boolean }> {
    const workspace = await this.workspaceOf(caller, workspaceId);
    const [endpoints, disabled] = await Promise.all([
      listEndpoints(this.db, workspace.id),
      hasDisabledEndpoint(this.db, workspace.id),
    ]);
    return { endpoints, disabled };
  }

  /** Whether an endpoint of the workspace was disabled for failing: the flag account reads carry. */
  async anyDisabled(workspaceId: string): Promise<boolean> {
    return hasDisabledEndpoint(this.db, workspaceId);
  }

  private async endpoint(caller: Caller, id: string, workspaceId?: string): Promise<WebhookEndpointRow> {
    const workspace = await this.workspaceOf(caller, workspaceId);
    const endpoint = await findEndpoint(this.db, workspace.id, id);
    if (!endpoint)
      throw notFound(`No webhook endpoint ${id} in this workspace; GET /v1/webhooks lists them.`);
    return endpoint;
  }

  async remove(caller: Caller, id: string, workspaceId?: string): Promise<void> {
    const endpoint = await this.endpoint(caller, id, workspaceId);
    await this.context.store.transaction((executor) =>
      deleteEndpoint(executor, endpoint.id, this.context.now()),
    );
  }

  async rotate(caller: Caller, id: string, workspaceId?: string): Promise<WebhookEndpointRow> {
    const endpoint = await this.endpoint(caller, id, workspaceId);
    const secret = await rotateEndpointSecret(this.db, endpoint.id);
    return { ...endpoint, secret };
  }

  async deliveries(
    caller: Caller,
    id: string,
    query: { limit: number; workspaceId?: string },
  ): Promise<DeliveryWithAttempts[]> {
    const endpoint = await this.endpoint(caller, id, query.workspaceId);
    const deliveries = await listDeliveries(this.db, endpoint.id, query.limit);
    return this.withAttempts(deliveries);
  }

  private async withAttempts(deliveries: WebhookDeliveryRow[]): Promise<DeliveryWithAttempts[]> {
    const attempts = await attemptsOf(
      this.db,
      deliveries.map((delivery) => delivery.id),
    );
    return deliveries.map((delivery) => ({
      delivery,
      attempts: attempts.filter((attempt) => attempt.delivery_id === delivery.id),
    }));
  }

  async redeliver(
    caller: Caller,
    id: string,
    deliveryId: string,
    workspaceId?: string,
  ): Promise<DeliveryWithAttempts> {
    const endpoint = await this.endpoint(caller, id, workspaceId);
    const delivery = await findDelivery(this.db, endpoint.id, deliveryId);
    if (!delivery) {
      throw notFound(
        `No delivery ${deliveryId} for endpoint ${id}; GET /v1/webhooks/${id}/deliveries lists them.`,
      );
    }
    await requeueDelivery(this.db, delivery.id, this.context.now());
    this.context.deliveriesQueued();
    const [requeued] = await this.withAttempts([
      (await findDelivery(this.db, endpoint.id, deliveryId)) ?? delivery,
    ]);
    return requeued as DeliveryWithAttempts;
  }

  /** The workspace's callback signing secret, made on first use; `rotate` replaces it first. */
  async signingSecret(
    caller: Caller,
    workspaceId: string | undefined,
    options: { rotate?: boolean } = {},
  ): Promise<{ workspaceId: string; secret: string }> {
    const workspace = await this.workspaceOf(caller, workspaceId);
    const read = options.rotate ? rotateWorkspaceSigningSecret : workspaceSigningSecret;
    return { workspaceId: workspace.id, secret: await read(this.db, workspace.id, this.context.now()) };
  }
}
