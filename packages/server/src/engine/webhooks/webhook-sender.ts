import type { OutboundFetcher } from '@ads/provider';
import { Webhook } from 'standardwebhooks';
import { findTask } from '../../store/task-repository.js';
import {
  claimDueDeliveries,
  endpointSecret,
  nextDeliveryDueAt,
  noteEndpointHealth,
  recordAttempt,
  settleAttempt,
  type WebhookDeliveryRow,
  workspaceSigningSecret,
} from '../../store/webhook-repository.js';
import type { ChangeFeed } from '../change-feed.js';
import type { EngineContext } from '../engine-context.js';
import { WakeUp } from '../wake-up.js';
import { nextAttemptDelayMs } from './retry-schedule.js';
import { isTerminalEvent, type TaskEventView } from './task-event-outbox.js';

export interface WebhookSenderOptions {
  fetcher: OutboundFetcher;
  feed: ChangeFeed;
  view: TaskEventView;
  /** Attempts in flight on this instance, in all. */
  concurrency?: number;
  /** Attempts in flight to one endpoint, on this instance. */
  perEndpoint?: number;
  /** One attempt, connect to answer. */
  timeoutMs?: number;
  /** An endpoint failing this long is disabled. */
  disableAfterMs?: number;
  /** The longest sleep between looks at the outbox when nothing wakes the sender. */
  idleMs?: number;
}

type Outcome = { statusCode: number | null; error: string | null };

const ok = (outcome: Outcome) =>
  outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;

/**
 * Sends the outbox: claims due deliveries with a lease (so two instances never send the same
 * attempt), signs each with Standard Webhooks, POSTs it through the SSRF-safe fetcher, records the
 * attempt, and schedules the next one on failure. A success ends the delivery; so does the end of
 * the schedule, or the endpoint being disabled after a day of failures.
 */
export class WebhookSender {
  private readonly concurrency: number;
  private readonly perEndpoint: number;
  private readonly timeoutMs: number;
  private readonly disableAfterMs: number;
  private readonly idleMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly byEndpoint = new Map<string, number>();
  private running = false;
  private loopDone: Promise<void> | undefined;
  private readonly wakeUp = new WakeUp();
  private claims = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly context: EngineContext,
    private readonly options: WebhookSenderOptions,
  ) {
    this.concurrency = options.concurrency ?? 16;
    this.perEndpoint = options.perEndpoint ?? 4;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.disableAfterMs = options.disableAfterMs ?? 24 * 3_600_000;
    this.idleMs = options.idleMs ?? 1000;
    this.unsubscribe = options.feed.subscribe((message) => {
      if (message.kind === 'deliveries') this.nudge();
    });
  }

  /** Deliveries were queued here: this sender and, through the feed, every instance's look now. */
  queued(): void {
    this.options.feed.publish({ kind: 'deliveries' });
  }

  nudge(): void {
    this.wakeUp.nudge();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe();
    this.nudge();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight]);
  }

  /** One look at the outbox, awaited (tests with a loop not started). Returns how many were sent. */
  async sendDueOnce(): Promise<number> {
    const claimed = await this.claim(this.concurrency);
    await Promise.all(claimed.map((delivery) => this.send(delivery)));
    return claimed.length;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const free = this.concurrency - this.inFlight.size;
      let claimed: WebhookDeliveryRow[] = [];
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          this.context.logger.error({ err: error }, 'claiming webhook deliveries failed');
        }
      }
      for (const delivery of claimed) this.track(delivery);
      if (claimed.length === free && free > 0) continue;
      await this.pause();
    }
  }

  private claim(limit: number): Promise<WebhookDeliveryRow[]> {
    this.claims += 1;
    const full = [...this.byEndpoint].filter(([, held]) => held >= this.perEndpoint).map(([id]) => id);
    return claimDueDeliveries(this.context.store.db, this.context.store.engine, {
      leaseOwner: `${this.context.instanceId}:w${this.claims}`,
      now: this.context.now(),
      // Past the longest attempt, so no instance takes an attempt still on the wire for a lost one.
      leaseMs: this.timeoutMs + 60_000,
      limit: Math.min(limit, 100),
      skipEndpoints: full,
    });
  }

  /** Sleeps until the next delivery falls due, at most `idleMs`, unless woken. */
  private pause(): Promise<void> {
    return this.wakeUp.sleep(async () => {
      const dueAt = await nextDeliveryDueAt(this.context.store.db).catch(() => null);
      return Math.max(0, Math.min(this.idleMs, dueAt === null ? this.idleMs : dueAt - this.context.now()));
    });
  }

  private track(delivery: WebhookDeliveryRow): void {
    const endpoint = delivery.endpoint_id;
    if (endpoint) this.byEndpoint.set(endpoint, (this.byEndpoint.get(endpoint) ?? 0) + 1);
    const work = this.send(delivery)
      .catch((error: unknown) =>
        this.context.logger.error({ deliveryId: delivery.id, err: error }, 'webhook delivery failed'),
      )
      .finally(() => {
        this.inFlight.delete(work);
        if (endpoint) {
          const left = (this.byEndpoint.get(endpoint) ?? 1) - 1;
          if (left > 0) this.byEndpoint.set(endpoint, left);
          else this.byEndpoint.delete(endpoint);
        }
        this.nudge();
      });
    this.inFlight.add(work);
  }

  /** The body as this attempt sends it: a terminal event shows the finished task with fresh video links. */
  private async body(delivery: WebhookDeliveryRow): Promise<string> {
    const payload = JSON.parse(delivery.payload_json) as { data: unknown };
    if (isTerminalEvent(delivery.event_type)) {
      const task = await findTask(this.context.store.db, delivery.task_id);
      if (task) payload.data = this.options.view(task);
    }
    return JSON.stringify(payload);
  }

  private async secretOf(delivery: WebhookDeliveryRow): Promise<string | undefined> {
    if (delivery.secret) return delivery.secret;
    const db = this.context.store.db;
    if (delivery.endpoint_id) return endpointSecret(db, delivery.endpoint_id);
    return workspaceSigningSecret(db, delivery.workspace_id, this.context.now());
  }

  private async send(delivery: WebhookDeliveryRow): Promise<void> {
    const { metrics, now } = this.context;
    const leaseOwner = delivery.lease_owner ?? '';
    const [body, secret] = await Promise.all([this.body(delivery), this.secretOf(delivery)]);
    const startedAt = now();
    let outcome: Outcome;
    if (!secret) {
      outcome = { statusCode: null, error: 'the endpoint was removed' };
    } else {
      const signature = new Webhook(secret).sign(delivery.event_id, new Date(startedAt), body);
      try {
        const answer = await this.options.fetcher.post(delivery.url, {
          body,
          timeoutMs: this.timeoutMs,
          headers: {
            'content-type': 'application/json',
            'webhook-id': delivery.event_id,
            'webhook-timestamp': String(Math.floor(startedAt / 1000)),
            'webhook-signature': signature,
          },
        });
        outcome = {
          statusCode: answer.status,
          error: answer.status >= 200 && answer.status < 300 ? null : `answered HTTP ${answer.status}`,
        };
      } catch (error) {
        outcome = { statusCode: null, error: error instanceof Error ? error.message : String(error) };
      }
    }
    const finishedAt = now();
    const latencyMs = finishedAt - startedAt;
    const attempts = delivery.attempts + 1;
    const delay = secret ? nextAttemptDelayMs(attempts, this.context.pollScale) : undefined;
    const error = outcome.error ?? '';
    const db = this.context.store.db;
    await recordAttempt(db, {
      deliveryId: delivery.id,
      at: startedAt,
      statusCode: outcome.statusCode,
      latencyMs,
      error: outcome.error,
    });
    await settleAttempt(
      db,
      delivery,
      leaseOwner,
      ok(outcome)
        ? { status: 'delivered', now: finishedAt }
        : delay === undefined
          ? { status: 'failed', error }
          : { status: 'pending', nextAttemptAt: finishedAt + delay, error },
    );
    metrics.webhookAttempts.inc({ outcome: ok(outcome) ? 'delivered' : 'failed' });
    if (ok(outcome)) metrics.webhookLatency.observe((finishedAt - delivery.created_at) / 1000);
    if (delivery.endpoint_id && secret) {
      const disabled = await noteEndpointHealth(db, delivery.endpoint_id, {
        ok: ok(outcome),
        now: finishedAt,
        disableAfterMs: this.disableAfterMs,
      });
      if (disabled) {
        metrics.webhookEndpointsDisabled.inc();
        this.context.logger.warn(
          { endpointId: delivery.endpoint_id, workspaceId: delivery.workspace_id },
          'webhook endpoint disabled: its deliveries failed for a day',
        );
      }
    }
  }
}
