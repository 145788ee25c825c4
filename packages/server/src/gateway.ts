import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import pino, { type Logger } from 'pino';
import { AdminService } from './admin/admin-service.js';
import { Authenticator } from './auth/authenticator.js';
import { bootstrapEmptyStore, type FirstKey } from './bootstrap.js';
import type { GatewayConfig } from './config.js';
import { Engine } from './engine/engine.js';
import type { EngineContext } from './engine/engine-context.js';
import { ProviderRegistry, type RegisteredProvider } from './engine/provider-registry.js';
import { rateLimitsFor } from './engine/rate-limiter.js';
import { Runner } from './engine/runner.js';
import { TaskEvents } from './engine/task-events.js';
import { createApp } from './http/app.js';
import { leanTaskRead } from './http/lean-task-read.js';
import { GatewayMetrics } from './metrics.js';
import { registerProviders } from './providers.js';
import { Store } from './store/store.js';

export interface GatewayOptions {
  logger?: Logger;
  now?: () => number;
  /** Replaces the registered providers (tests register emulator-backed ones). */
  providers?: (environment: { sandboxDir: string; sandboxBaseUrl: () => string }) => RegisteredProvider[];
  /** Called with the first API key of an empty store; by default it is printed to stdout. */
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
  firstKey: FirstKey | undefined;
  /** Stops taking requests, finishes the ones in flight, stops the runner; tasks stay resumable. */
  close(): Promise<void>;
}

function printFirstKey({ apiKey, workspaceId, credits }: FirstKey): void {
  process.stdout.write(
    [
      '',
      `  ads: a new store, so workspace ${workspaceId} was created with ${credits} credits.`,
      `  ads: your API key (shown this once, store it now): ${apiKey}`,
      '',
      '',
    ].join('\n'),
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
  const store = Store.open({
    engine: config.engine,
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  });
  await store.migrate();
  const firstKey = await bootstrapEmptyStore(store, config.starterCredits, now());
  if (firstKey) {
    logger.info(
      { workspaceId: firstKey.workspaceId },
      'empty store: created a workspace and a first API key',
    );
    (options.onFirstKey ?? printFirstKey)(firstKey);
  }

  let port = config.port;
  const baseUrl = () => config.publicUrl ?? `http://${urlHost(config.host)}:${port}`;
  const sandboxDir = path.join(config.dataDir, 'sandbox');
  const sandboxBaseUrl = () => `${baseUrl()}/files/sandbox`;
  const registrations = options.providers
    ? options.providers({ sandboxDir, sandboxBaseUrl })
    : registerProviders({ config, sandboxDir, sandboxBaseUrl });

  const metrics = new GatewayMetrics();
  const events = new TaskEvents(store);
  const shutdown = new AbortController();
  let runner: Runner | undefined;
  const context: EngineContext = {
    store,
    registry: new ProviderRegistry(registrations),
    rateLimits: rateLimitsFor(store, now),
    events,
    metrics,
    logger,
    now,
    random: Math.random,
    instanceId: randomUUID().slice(0, 8),
    webhookBaseUrl: config.publicUrl,
    leaseMs: config.leaseMs,
    // An upstream call waits at most the timeout for the headers and again for the body, after the
    // connect (undici gives up connecting after 10 s).
    submitLeaseMs: config.leaseMs + 2 * config.upstreamTimeoutMs + 10_000,
    pollScale: config.pollScale,
    submitDeadlineMs: 10 * 60_000,
    minimumDeadlineMs: 30 * 60_000,
    wakeRunner: () => runner?.nudge(),
    shutdown: shutdown.signal,
  };
  const engine = new Engine(context);
  runner = new Runner(context, { concurrency: config.runnerConcurrency, idleMs: config.runnerIdleMs });
  const authenticator = new Authenticator(store, now);
  const admin = new AdminService(store, now, (keyId) => authenticator.forget(keyId));
  let accepting = true;
  const app = createApp({
    services: { engine, admin, runner, accepting: () => accepting },
    authenticator,
    adminToken: config.adminToken,
    logger,
    metrics,
    bodyLimit: config.bodyLimit,
    sandboxDir,
  });

  const readTask = leanTaskRead({ authenticator, engine, logger, metrics });
  const server: Server = createServer((request, response) =>
    readTask(request, response, () => app(request, response)),
  );
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  if (options.startRunner ?? true) runner.start();
  logger.info(
    { url: baseUrl(), engine: config.engine, webhooks: Boolean(config.publicUrl) },
    'ads-server listening',
  );

  const activeRunner = runner;
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
      const runnerStopped = activeRunner.stop();
      // Past the grace, connections are cut and the submits still on the wire are aborted.
      const forceAfter = setTimeout(() => {
        server.closeAllConnections();
        shutdown.abort();
      }, config.shutdownTimeoutMs);
      await Promise.all([serverClosed, runnerStopped]);
      clearTimeout(forceAfter);
      clearInterval(closeIdle);
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
    firstKey,
    close,
  };
}
