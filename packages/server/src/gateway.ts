import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { OutboundFetcher } from '@ads/provider';
import type { VideoStorage } from '@ads/storage';
import bytes from 'bytes';
import pino, { type Logger } from 'pino';
import { AdminService } from './admin/admin-service.js';
import { Authenticator } from './auth/authenticator.js';
import { ConsoleUsers } from './auth/console-users.js';
import { bootstrapEmptyStore, type FirstKey } from './bootstrap.js';
import { ConfigError, type GatewayConfig } from './config.js';
import { ChangeFeed } from './engine/change-feed.js';
import { Engine } from './engine/engine.js';
import type { EngineContext } from './engine/engine-context.js';
import { ProviderRegistry, type RegisteredProvider } from './engine/provider-registry.js';
import { rateLimitsFor } from './engine/rate-limiter.js';
import { Runner } from './engine/runner.js';
import { StorageUpkeep } from './engine/storage-upkeep.js';
import { TaskEvents } from './engine/task-events.js';
import { VideoLinks } from './engine/video-links.js';
import { WebhookEndpoints } from './engine/webhooks/webhook-endpoints.js';
import { WebhookSender } from './engine/webhooks/webhook-sender.js';
import { createApp } from './http/app.js';
import { compileProxyTrust } from './http/client-address.js';
import { guardConnections, onRefusedConnection } from './http/connection-guard.js';
import { consoleDirectory } from './http/console-site.js';
import { fileDownload } from './http/file-routes.js';
import { HeldWaits } from './http/held-waits.js';
import { LeanRouter } from './http/lean/lean-router.js';
import { leanRoutes } from './http/lean/lean-routes.js';
import type { GatewayServices } from './http/routes/gateway-services.js';
import { taskHandlers } from './http/routes/task-handlers.js';
import { TaskEventStreams } from './http/task-event-stream.js';
import { type Downloads, videoDownload } from './http/video-download.js';
import { TaskViews } from './http/views/task-views.js';
import { GatewayMetrics } from './metrics.js';
import { PriceBook, type PriceSource } from './pricing/price-book.js';
import { registerProviders } from './providers.js';
import { gatewaySecret } from './store/gateway-secrets.js';
import { firstMigration } from './store/migrations.js';
import { Store } from './store/store.js';
import { openVideoStorage, videoFetcher } from './video-storage.js';

export interface GatewayOptions {
  logger?: Logger;
  now?: () => number;
  /** Replaces the registered providers (tests register emulator-backed ones). */
  providers?: (environment: { storage: VideoStorage; fetcher: OutboundFetcher }) => RegisteredProvider[];
  /** Called with the first API key of an empty store; by default it is printed to stderr. */
  onFirstKey?: (firstKey: FirstKey) => void;
  /** Whether this instance runs the task loop (default true); without it, it only serves the API. */
  startRunner?: boolean;
}

export interface Gateway {
  url: string;
  port: number;
  engine: Engine;
  admin: AdminService;
  store: Store;
  runner: Runner;
  /** Sends the webhook outbox (its loop runs with the runner's). */
  webhooks: WebhookSender;
  storage: VideoStorage;
  /** Retention and the sweep of cut-short writes, also run on a timer. */
  upkeep: StorageUpkeep;
  firstKey: FirstKey | undefined;
  /** Reads ADS_PRICES_FILE again (SIGHUP); a file with a problem throws and the rules in force stay. */
  reloadPrices(): PriceSource;
  /** Stops taking requests, finishes the ones in flight, stops the runner; tasks stay resumable. */
  close(): Promise<void>;
}

/**
 * The first key, framed on stderr apart from the JSON log lines on stdout, with what to run next:
 * it is shown this once, so it must not scroll away under request logs.
 */
function printFirstKey({ apiKey, workspaceId, credits, user }: FirstKey, url: string): void {
  const lines = [
    `ads: a new store, so workspace ${workspaceId} was created with ${credits} credits.`,
    `ads: the console is at ${url}/`,
    `ads:   sign in as ${user.email} with the password ${user.password}`,
    `ads: your API key (shown this once, store it now): ${apiKey}`,
    '',
    'Or, in another terminal:',
    `  ads login --host ${url} --api-key ${apiKey}`,
    '  ads video generate --prompt "ocean waves at sunset" --out waves.mp4',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = '─'.repeat(width + 2);
  process.stderr.write(
    ['', `┌${rule}┐`, ...lines.map((line) => `│ ${line.padEnd(width)} │`), `└${rule}┘`, '', ''].join('\n'),
  );
}

const urlHost = (host: string) =>
  host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;

export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  // Log lines are written in batches by a background write (and flushed at exit), not one
  // synchronous write per line: at thousands of requests a second that write was a third of the cost.
  const logger =
    options.logger ??
    pino(
      { level: config.logLevel, base: { service: 'ads-server' } },
      pino.destination({ dest: 1, sync: false }),
    );
  const now = options.now ?? Date.now;
  const storage = openVideoStorage(config.storage);
  const fetcher = new OutboundFetcher({ allowPrivate: config.allowPrivateUrls });
  const registrations = options.providers
    ? options.providers({ storage, fetcher })
    : registerProviders({ config, storage, fetcher, logger });
  const registry = new ProviderRegistry(registrations);
  // A price file with a problem stops the start here, before the store is touched.
  const prices = new PriceBook(registry.catalog.all(), config.pricesFile, now);
  const store = Store.open({
    engine: config.engine,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  if (config.migrate) await store.migrate();
  const pendingAtStart = config.migrate ? [] : await store.pendingMigrations();
  if (pendingAtStart.includes(firstMigration)) {
    await store.close();
    throw new ConfigError(
      'ADS_MIGRATE is false and the store has no schema yet: run `ads-server migrate` first, then start the gateway.',
    );
  }
  if (pendingAtStart.length > 0) {
    logger.warn(
      { pending: pendingAtStart },
      'the store lacks migrations this release needs: /readyz answers 503 until `ads-server migrate` runs',
    );
  }
  // The first key and user go into tables of the newest schema: they wait for `ads-server migrate`.
  const firstKey =
    pendingAtStart.length > 0
      ? undefined
      : await bootstrapEmptyStore(
          store,
          { credits: config.starterCredits, userEmail: config.firstUserEmail },
          now(),
        );

  let port = config.port;
  const baseUrl = () => config.publicUrl ?? `http://${urlHost(config.host)}:${port}`;
  const videos = videoFetcher(config);
  const links = new VideoLinks(
    await gatewaySecret(store.db, 'video-links', now()),
    baseUrl,
    config.storage.linkTtlSeconds,
  );

  const metrics = new GatewayMetrics();
  const instanceId = randomUUID().slice(0, 8);
  const feed = new ChangeFeed(
    instanceId,
    config.engine === 'postgres' && config.databaseUrl
      ? { databaseUrl: config.databaseUrl, logger }
      : undefined,
  );
  await feed.start();
  const events = new TaskEvents(store, feed);
  const shutdown = new AbortController();
  const views = new TaskViews(links, now);
  let sender: WebhookSender | undefined;
  const context: EngineContext = {
    store,
    registry,
    prices,
    rateLimits: rateLimitsFor(store, now),
    events,
    metrics,
    logger,
    now,
    random: Math.random,
    instanceId,
    webhookBaseUrl: config.publicUrl,
    leaseMs: config.leaseMs,
    // An upstream call waits at most the timeout for the headers and again for the body, after the
    // connect (undici gives up connecting after 10 s).
    submitLeaseMs: config.leaseMs + 2 * config.upstreamTimeoutMs + 10_000,
    pollScale: config.pollScale,
    submitDeadlineMs: 10 * 60_000,
    minimumDeadlineMs: 30 * 60_000,
    storage,
    links,
    videoFetcher: videos,
    storing: { deadlineMs: config.storage.deadlineMs, maxVideoBytes: config.storage.maxVideoBytes },
    wakeRunner: () => feed.publish({ kind: 'due' }),
    checkScheduled: () => {
      if (feed.crossInstance) feed.publish({ kind: 'due' });
    },
    taskEventView: (task) => views.rest(task),
    deliveriesQueued: () => sender?.queued(),
    clientFetcher: fetcher,
    shutdown: shutdown.signal,
  };
  const engine = new Engine(context);
  const runner = new Runner(context, {
    concurrency: config.runnerConcurrency,
    idleMs: config.runnerIdleMs,
    feed,
  });
  sender = new WebhookSender(context, {
    fetcher,
    feed,
    view: context.taskEventView,
    perEndpoint: config.webhooks.maxInFlightPerEndpoint,
    timeoutMs: config.webhooks.timeoutMs,
  });
  let authenticator: Authenticator | undefined;
  const admin = new AdminService(store, now, {
    onKeyChanged: (keyId) => authenticator?.forget(keyId),
    prices: () => prices.source,
  });
  const users = new ConsoleUsers(store, admin, now, baseUrl);
  authenticator = new Authenticator(store, now, undefined, undefined, users);
  const upkeep = new StorageUpkeep(context, config.storage.retentionMs);
  let accepting = true;
  // Once current, always current: a later release's migrations are unknown to this code, not pending.
  let schemaIsCurrent = pendingAtStart.length === 0;
  const schemaCurrent = async () => {
    schemaIsCurrent ||= (await store.pendingMigrations()).length === 0;
    return schemaIsCurrent;
  };
  const trustProxy = compileProxyTrust(config.trustProxy);
  const eventStreams = new TaskEventStreams({
    engine,
    authenticator,
    events,
    views,
    metrics,
    logger,
    trustProxy,
  });
  const services: GatewayServices = {
    engine,
    admin,
    users,
    runner,
    views,
    webhooks: new WebhookEndpoints(context, (caller, workspaceId) =>
      engine.workspaceFor(caller, workspaceId),
    ),
    accepting: () => accepting,
    schemaCurrent,
    heldWaits: new HeldWaits(
      {
        perInstance: config.limits.maxHeldWaits,
        perKey: config.limits.maxHeldWaitsPerKey,
      },
      () => metrics.heldWaitsRefused.inc(),
    ),
  };
  const handlers = taskHandlers(services);
  const videoOptions = {
    links,
    storage,
    redirect: config.storage.redirect,
    linkTtlSeconds: config.storage.linkTtlSeconds,
    now,
  };
  const downloads: Downloads = {
    video: videoDownload({ ...videoOptions, engine, authenticator }),
    file: fileDownload({
      engine,
      authenticator,
      links,
      maxBytes: config.uploadLimitBytes,
      now,
      storage,
    }),
  };
  const app = createApp({
    eventStreams,
    services,
    handlers,
    authenticator,
    adminToken: config.adminToken,
    logger,
    metrics,
    bodyLimit: config.bodyLimit,
    uploadLimitBytes: config.uploadLimitBytes,
    videos: videoOptions,
    downloads,
    legacySandboxDir: path.join(config.dataDir, 'sandbox'),
    corsOrigins: config.corsOrigins,
    trustProxy,
    metricsToken: config.metricsToken,
    consoleDir: config.console ? consoleDirectory() : undefined,
  });

  const lean = new LeanRouter(leanRoutes(handlers, downloads, eventStreams), {
    authenticator,
    logger,
    metrics,
    trustProxy,
    // express.json reads ADS_BODY_LIMIT with the same parser.
    bodyLimitBytes: bytes.parse(config.bodyLimit) ?? Number.POSITIVE_INFINITY,
  });
  const server: Server = createServer(
    {
      headersTimeout: config.limits.headersTimeoutMs,
      requestTimeout: config.limits.requestTimeoutMs,
      // Both timeouts are enforced by a sweep: every second, not Node's default 30 s.
      connectionsCheckingInterval: 1000,
    },
    (request, response) => {
      // Already answered 503 by the connection cap: nothing it sends is handled.
      if (onRefusedConnection(request.socket)) return void request.socket.destroy();
      lean.serve(request, response, () => app(request, response));
    },
  );
  server.keepAliveTimeout = 65_000;
  const connections = guardConnections(
    server,
    { maxConnections: config.limits.maxConnections, silentMs: config.limits.headersTimeoutMs },
    metrics,
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  if (firstKey) {
    logger.info(
      { workspaceId: firstKey.workspaceId },
      'empty store: created a workspace and a first API key',
    );
    (options.onFirstKey ?? ((key) => printFirstKey(key, baseUrl())))(firstKey);
  }
  if (options.startRunner ?? config.runnerEnabled) {
    runner.start();
    sender.start();
    upkeep.start();
  }
  logger.info(
    {
      url: baseUrl(),
      engine: config.engine,
      webhooks: Boolean(config.publicUrl),
      ...(firstKey ? { firstKeyPrinted: true } : {}),
    },
    'ads-server listening',
  );

  const activeRunner = runner;
  const activeSender = sender;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      accepting = false;
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last answer goes out; close each as it does.
      const closeIdle = setInterval(() => server.closeIdleConnections(), 50);
      server.closeIdleConnections();
      // Waiting requests answer now with their task as it stands; the task itself keeps running.
      events.close();
      // The runner stops beside the requests: its status reads are aborted now, its submits finish.
      const runnerStopped = Promise.all([activeRunner.stop(), activeSender.stop()]);
      upkeep.stop();
      // Past the grace, connections are cut and the submits still on the wire are aborted.
      const forceAfter = setTimeout(() => {
        server.closeAllConnections();
        shutdown.abort();
      }, config.shutdownTimeoutMs);
      await Promise.all([serverClosed, runnerStopped]);
      clearTimeout(forceAfter);
      clearInterval(closeIdle);
      connections.close();
      await context.registry.close();
      await feed.close();
      await Promise.all([fetcher.close(), videos.close()]);
      await storage.close();
      await store.close();
      logger.info('ads-server stopped');
    })();
    return closing;
  };

  return {
    url: `http://${urlHost(config.host)}:${port}`,
    port,
    engine,
    admin,
    store,
    runner: activeRunner,
    webhooks: activeSender,
    storage,
    upkeep,
    firstKey,
    reloadPrices: () => {
      try {
        const source = prices.reload();
        metrics.priceReloads.inc({ outcome: 'loaded' });
        logger.info({ file: source.file, rules: source.rules.length }, 'price rules reloaded');
        return source;
      } catch (error) {
        metrics.priceReloads.inc({ outcome: 'refused' });
        logger.error({ err: error }, 'price file refused; the rules in force stay');
        throw error;
      }
    },
    close,
  };
}
