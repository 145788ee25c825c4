import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** After this many failed status reads in a row a task counts as failing to read (metric and error log). */
export const persistentReadFailures = 5;

/** Everything the gateway counts, on its own registry (one per gateway, so tests can run several). */
export class GatewayMetrics {
  readonly registry = new Registry();
  readonly httpRequests = new Counter({
    name: 'ads_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'ads_http_request_duration_seconds',
    help: 'Time to answer an HTTP request.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120, 600],
    registers: [this.registry],
  });
  readonly tasksCreated = new Counter({
    name: 'ads_tasks_created_total',
    help: 'Tasks created, by provider and scene.',
    labelNames: ['provider', 'scene'] as const,
    registers: [this.registry],
  });
  readonly tasksSettled = new Counter({
    name: 'ads_tasks_settled_total',
    help: 'Tasks that reached a terminal state, by provider and status.',
    labelNames: ['provider', 'status'] as const,
    registers: [this.registry],
  });
  readonly creditsRefunded = new Counter({
    name: 'ads_credits_refunded_total',
    help: 'Credits given back on failed or canceled tasks.',
    registers: [this.registry],
  });
  readonly creditsAdjusted = new Counter({
    name: 'ads_credits_adjusted_total',
    help: 'Credits given back on success: the unused part of an open-length reserve.',
    registers: [this.registry],
  });
  readonly priceReloads = new Counter({
    name: 'ads_price_reloads_total',
    help: 'Reloads of the price file (SIGHUP), by outcome: loaded, or refused (the old rules stay).',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly upstreamCalls = new Counter({
    name: 'ads_upstream_calls_total',
    help: 'Calls to upstream providers, by provider, operation and outcome.',
    labelNames: ['provider', 'operation', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly statusReadsFailing = new Counter({
    name: 'ads_status_reads_failing_total',
    help: `Tasks whose status reads failed ${persistentReadFailures} times in a row (e.g. a result read refused after a key rotation): the job may be finished and billed while the gateway cannot read it. Alert on any increase.`,
    labelNames: ['provider', 'code'] as const,
    registers: [this.registry],
  });
  readonly videosStored = new Counter({
    name: 'ads_videos_stored_total',
    help: 'Finished videos copied into the gateway’s storage, by provider.',
    labelNames: ['provider'] as const,
    registers: [this.registry],
  });
  readonly videoBytesStored = new Counter({
    name: 'ads_video_bytes_stored_total',
    help: 'Bytes of finished videos copied into storage.',
    registers: [this.registry],
  });
  readonly videosUnstored = new Counter({
    name: 'ads_videos_unstored_total',
    help: 'Videos whose copy into storage gave up (deadline passed, file too large or gone upstream): their task kept the provider’s link. Alert on any increase.',
    labelNames: ['provider', 'reason'] as const,
    registers: [this.registry],
  });
  readonly videoCopyFailures = new Counter({
    name: 'ads_video_copy_failures_total',
    help: 'Attempts to copy a video into storage that failed and will be retried, by provider and side (source or storage).',
    labelNames: ['provider', 'side'] as const,
    registers: [this.registry],
  });
  readonly videosDeleted = new Counter({
    name: 'ads_videos_deleted_total',
    help: 'Tasks whose stored videos were deleted, by who asked (user or retention).',
    labelNames: ['actor'] as const,
    registers: [this.registry],
  });
  readonly webhooks = new Counter({
    name: 'ads_webhooks_total',
    help: 'Provider webhooks received, by provider and outcome.',
    labelNames: ['provider', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly webhookAttempts = new Counter({
    name: 'ads_webhook_attempts_total',
    help: 'Webhook delivery attempts (endpoints and callbacks), by outcome.',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly webhookLatency = new Histogram({
    name: 'ads_webhook_delivery_seconds',
    help: 'From the change an event reports to its successful delivery.',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 5, 30, 300, 3600, 86400],
    registers: [this.registry],
  });
  readonly webhookEndpointsDisabled = new Counter({
    name: 'ads_webhook_endpoints_disabled_total',
    help: 'Webhook endpoints disabled after failing for a day.',
    registers: [this.registry],
  });
  readonly eventStreams = new Gauge({
    name: 'ads_task_event_streams',
    help: 'Server-sent event streams open on this instance.',
    registers: [this.registry],
  });
  readonly waitingRequests = new Gauge({
    name: 'ads_waiting_requests',
    help: 'generate_and_wait requests held open on this instance.',
    registers: [this.registry],
  });
  readonly connectionsRefused = new Counter({
    name: 'ads_connections_refused_total',
    help: 'Client connections answered 503 because the open-connection cap was reached.',
    registers: [this.registry],
  });
  readonly heldWaitsRefused = new Counter({
    name: 'ads_held_waits_refused_total',
    help: 'generate_and_wait requests answered 429 because the held-wait cap (per key or per instance) was reached.',
    registers: [this.registry],
  });
  readonly runnerInFlight = new Gauge({
    name: 'ads_runner_checks_in_flight',
    help: 'Task checks the runner is doing right now on this instance.',
    registers: [this.registry],
  });

  private readonly requestSeries = new Map<
    string,
    { count: { inc(): void }; duration: { observe(seconds: number): void } }
  >();

  /** Counts one answered request and its duration (the labelled series are made once and kept). */
  recordRequest(method: string, route: string, status: number, seconds: number): void {
    const key = `${method} ${route} ${status}`;
    let series = this.requestSeries.get(key);
    if (!series) {
      series = {
        count: this.httpRequests.labels(method, route, String(status)),
        duration: this.httpDuration.labels(method, route),
      };
      this.requestSeries.set(key, series);
    }
    series.count.inc();
    series.duration.observe(seconds);
  }

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
  }
}
