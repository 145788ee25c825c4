import type { OutboundFetcher } from '@ads/provider';
import type { VideoStorage } from '@ads/storage';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../metrics.js';
import type { PriceBook } from '../pricing/price-book.js';
import type { Store } from '../store/store.js';
import type { ProviderRegistry } from './provider-registry.js';
import type { RateLimits } from './rate-limiter.js';
import type { TaskEvents } from './task-events.js';
import type { VideoLinks } from './video-links.js';
import type { TaskEventView } from './webhooks/task-event-outbox.js';

/** What every engine operation works with. One per gateway instance. */
export interface EngineContext {
  store: Store;
  registry: ProviderRegistry;
  /** The operator's price rules (ADS_PRICES_FILE); the scene prices where none matches. */
  prices: PriceBook;
  /** The upstreams' own limits (submits and status reads per account), shared by instances on PostgreSQL. */
  rateLimits: RateLimits;
  events: TaskEvents;
  metrics: GatewayMetrics;
  logger: Logger;
  now: () => number;
  random: () => number;
  /** Unique per process: leases name their holder with it. */
  instanceId: string;
  /** `ADS_PUBLIC_URL`: when set, upstreams are told to call `${webhookBaseUrl}/webhooks/<provider>`. */
  webhookBaseUrl: string | undefined;
  /** How long a claimed task stays with its claimer before another instance may take it. */
  leaseMs: number;
  /**
   * How long a task stays leased once its submit is on the wire: longer than any upstream call can
   * take, so that no instance takes a slow submit for one a crash interrupted (and fails the task
   * while the provider accepts the job).
   */
  submitLeaseMs: number;
  /** How long a refused-but-retryable submit is retried before the task fails (and is refunded). */
  submitDeadlineMs: number;
  /** Multiplies every poll and retry delay (`ADS_POLL_SCALE`, default 1). */
  pollScale: number;
  /** The least time the gateway waits for any job before it gives up on it. */
  minimumDeadlineMs: number;
  /** Where finished videos (and uploaded inputs) are kept. */
  storage: VideoStorage;
  /** Signs the gateway's links to stored videos and uploaded files. */
  links: VideoLinks;
  /** Fetches the providers' finished videos (public addresses, and the configured providers' own). */
  videoFetcher: OutboundFetcher;
  storing: {
    /** How long the copy of a delivered video is retried, from the upstream's success. */
    deadlineMs: number;
    maxVideoBytes: number;
  };
  /** How a task looks in its webhook events (the REST shape). */
  taskEventView: TaskEventView;
  /** Deliveries were queued: the webhook sender looks now (here and, through the feed, everywhere). */
  deliveriesQueued: () => void;
  /** Fetches (and checks) the URLs clients give: callback URLs and webhook endpoints. */
  clientFetcher: OutboundFetcher;
  /**
   * A check was scheduled outside a runner's loop (a create's submit, deferred or accepted): runners
   * that sleep until their next scheduled check (PostgreSQL LISTEN) plan their sleep again.
   */
  checkScheduled: () => void;
  /** Asks the runner to look for due tasks now instead of at its next tick. */
  wakeRunner: () => void;
  /**
   * Aborted when a stopping gateway's grace has run out: the one signal a submit listens to (an
   * aborted submit leaves open whether the provider created the job, so nothing aborts it sooner).
   */
  shutdown: AbortSignal;
}
