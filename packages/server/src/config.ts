import path from 'node:path';
import { type StoreEngine, storeEngineFor } from './store/store-engine.js';

type Environment = Record<string, string | undefined>;

/** Everything ads-server reads from its environment, with the defaults a fresh machine needs. */
export interface GatewayConfig {
  port: number;
  host: string;
  engine: StoreEngine;
  databaseUrl: string | undefined;
  dataDir: string;
  /** The gateway's address as the world sees it; enables provider webhooks. */
  publicUrl: string | undefined;
  adminToken: string | undefined;
  bodyLimit: string;
  starterCredits: number;
  logLevel: string;
  runnerConcurrency: number;
  /** Milliseconds between the runner's looks for due tasks when nothing wakes it. */
  runnerIdleMs: number;
  leaseMs: number;
  /** Multiplies every poll delay: below 1 polls more often (lower latency), above 1 less (fewer upstream calls). */
  pollScale: number;
  shutdownTimeoutMs: number;
  sandboxRunSeconds: number | undefined;
  providers: {
    kie: { apiKey: string; baseURL: string; webhookHmacKey: string; http: { timeoutMs: number } };
    fal: { apiKey: string; queueURL: string; jwksURL: string; http: { timeoutMs: number } };
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(environment: Environment, name: string, fallback: number, minimum = 0): number {
  const raw = environment[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigError(`${name} must be a whole number of at least ${minimum} (got "${raw}").`);
  }
  return value;
}

function positive(environment: Environment, name: string, fallback: number): number {
  const raw = environment[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new ConfigError(`${name} must be a number above 0 (got "${raw}").`);
  return value;
}

function url(environment: Environment, name: string): string | undefined {
  const raw = environment[name]?.trim();
  if (!raw) return undefined;
  try {
    const parsed = new URL(raw);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL (got "${raw}").`);
  }
  return raw.replace(/\/+$/, '');
}

function falKey(environment: Environment): string {
  const { FAL_KEY, FAL_KEY_ID, FAL_KEY_SECRET } = environment;
  return FAL_KEY || (FAL_KEY_ID && FAL_KEY_SECRET ? `${FAL_KEY_ID}:${FAL_KEY_SECRET}` : '');
}

export function loadConfig(environment: Environment = process.env): GatewayConfig {
  const databaseUrl = environment.DATABASE_URL?.trim() || undefined;
  const sandboxRunSeconds = environment.ADS_SANDBOX_RUN_SECONDS;
  const http = { timeoutMs: integer(environment, 'ADS_UPSTREAM_TIMEOUT_MS', 30_000, 100) };
  return {
    port: integer(environment, 'PORT', 8787),
    host: environment.HOST?.trim() || '127.0.0.1',
    engine: storeEngineFor(databaseUrl),
    databaseUrl,
    dataDir: path.resolve(environment.ADS_DATA_DIR?.trim() || 'data'),
    publicUrl: url(environment, 'ADS_PUBLIC_URL'),
    adminToken: environment.ADS_ADMIN_TOKEN?.trim() || undefined,
    bodyLimit: environment.ADS_BODY_LIMIT?.trim() || '1mb',
    starterCredits: integer(environment, 'ADS_STARTER_CREDITS', 1000),
    logLevel: environment.LOG_LEVEL?.trim() || 'info',
    runnerConcurrency: integer(environment, 'ADS_RUNNER_CONCURRENCY', 32, 1),
    runnerIdleMs: integer(environment, 'ADS_RUNNER_IDLE_MS', 500, 10),
    leaseMs: integer(environment, 'ADS_LEASE_MS', 60_000, 1000),
    pollScale: positive(environment, 'ADS_POLL_SCALE', 1),
    shutdownTimeoutMs: integer(environment, 'ADS_SHUTDOWN_TIMEOUT_MS', 30_000),
    sandboxRunSeconds: sandboxRunSeconds ? integer(environment, 'ADS_SANDBOX_RUN_SECONDS', 3) : undefined,
    providers: {
      kie: {
        apiKey: environment.KIE_API_KEY?.trim() ?? '',
        baseURL: url(environment, 'KIE_BASE_URL') ?? 'https://api.kie.ai',
        webhookHmacKey: environment.KIE_WEBHOOK_HMAC_KEY?.trim() ?? '',
        http,
      },
      fal: {
        apiKey: falKey(environment),
        queueURL: url(environment, 'FAL_QUEUE_URL') ?? 'https://queue.fal.run',
        jwksURL: url(environment, 'FAL_JWKS_URL') ?? 'https://rest.fal.ai/.well-known/jwks.json',
        http,
      },
    },
  };
}
