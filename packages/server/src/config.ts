import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProviderRateLimits } from '@ads/provider';
import { ConfigError, type Environment, readEnvironment } from './environment-variables.js';
import { type StoreEngine, storeEngineFor } from './store/store-engine.js';

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
  /** ADS_PRICES_FILE: the operator's price rules; unset, the scene prices. */
  pricesFile: string | undefined;
  bodyLimit: string;
  /** ADS_UPLOAD_LIMIT, in bytes. */
  uploadLimitBytes: number;
  starterCredits: number;
  /** Whether the gateway applies pending migrations at start (ADS_MIGRATE). */
  migrate: boolean;
  /** Whether ads-server serves the web console at `/` (ADS_CONSOLE). */
  console: boolean;
  /** The email of the console's first user, created on an empty store. */
  firstUserEmail: string;
  logLevel: string;
  runnerConcurrency: number;
  /** Milliseconds between the runner's looks for due tasks when nothing wakes it. */
  runnerIdleMs: number;
  /** Whether this instance runs the task loop and the webhook sender (ADS_RUNNER_ENABLED). */
  runnerEnabled: boolean;
  leaseMs: number;
  /** Multiplies every poll delay: below 1 polls more often (lower latency), above 1 less (fewer upstream calls). */
  pollScale: number;
  shutdownTimeoutMs: number;
  /** The longest wait for an upstream's answer headers, and again for its body (every provider). */
  upstreamTimeoutMs: number;
  sandboxRunSeconds: number;
  /** Client-given URLs may reach private addresses (development and tests only). */
  allowPrivateUrls: boolean;
  corsOrigins: string[] | '*' | undefined;
  /** The reverse proxies whose X-Forwarded-* headers are believed (ADS_TRUST_PROXY). */
  trustProxy: string[];
  metricsToken: string | undefined;
  storage: StorageConfig;
  webhooks: { timeoutMs: number; maxInFlightPerEndpoint: number };
  limits: {
    maxConnections: number;
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    maxHeldWaits: number;
    maxHeldWaitsPerKey: number;
  };
  providers: {
    kie: {
      apiKey: string;
      baseURL: string;
      uploadBaseURL: string;
      webhookHmacKey: string;
      http: { timeoutMs: number };
      rateLimits: ProviderRateLimits;
    };
    fal: { apiKey: string; queueURL: string; restURL: string; jwksURL: string; http: { timeoutMs: number } };
  };
}

export interface StorageConfig {
  engine: 'local' | 's3';
  /** The folder of local storage. */
  dir: string;
  s3:
    | {
        bucket: string;
        endpoint: string | undefined;
        region: string;
        forcePathStyle: boolean;
        /** From AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY when set; otherwise the AWS SDK's own chain. */
        credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
      }
    | undefined;
  /** Answer downloads with a redirect to a presigned link (S3 only). */
  redirect: boolean;
  linkTtlSeconds: number;
  deadlineMs: number;
  maxVideoBytes: number;
  /** Stored videos are deleted this long after their task ended; undefined keeps them. */
  retentionMs: number | undefined;
}

export { ConfigError };

/** The usual AWS variables, read from the same environment as the rest (a test's, or the process's). */
function awsCredentials(environment: Record<string, string | undefined>) {
  const accessKeyId = environment.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = environment.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) return undefined;
  const sessionToken = environment.AWS_SESSION_TOKEN?.trim();
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

function storageConfig(
  variables: Environment,
  dataDir: string,
  environment: Record<string, string | undefined>,
): StorageConfig {
  if (variables.ADS_STORAGE === 's3' && !variables.ADS_S3_BUCKET) {
    throw new ConfigError('ADS_S3_BUCKET must name the bucket when ADS_STORAGE=s3.');
  }
  if (variables.ADS_S3_REDIRECT && variables.ADS_STORAGE !== 's3') {
    throw new ConfigError('ADS_S3_REDIRECT=true needs ADS_STORAGE=s3.');
  }
  return {
    engine: variables.ADS_STORAGE,
    dir: path.resolve(variables.ADS_STORAGE_DIR ?? path.join(dataDir, 'storage')),
    s3:
      variables.ADS_STORAGE === 's3'
        ? {
            bucket: variables.ADS_S3_BUCKET ?? '',
            endpoint: variables.ADS_S3_ENDPOINT,
            region: variables.ADS_S3_REGION,
            forcePathStyle: variables.ADS_S3_FORCE_PATH_STYLE,
            credentials: awsCredentials(environment),
          }
        : undefined,
    redirect: variables.ADS_S3_REDIRECT,
    linkTtlSeconds: variables.ADS_VIDEO_LINK_TTL_SECONDS,
    deadlineMs: variables.ADS_STORAGE_DEADLINE_SECONDS * 1000,
    maxVideoBytes: variables.ADS_MAX_VIDEO_BYTES,
    retentionMs:
      variables.ADS_RETENTION_DAYS === undefined ? undefined : variables.ADS_RETENTION_DAYS * 86_400_000,
  };
}

/** The fal key as fal's own clients read it: FAL_KEY, or FAL_KEY_ID with FAL_KEY_SECRET. */
function falKey({ FAL_KEY, FAL_KEY_ID, FAL_KEY_SECRET }: Environment): string {
  return FAL_KEY || (FAL_KEY_ID && FAL_KEY_SECRET ? `${FAL_KEY_ID}:${FAL_KEY_SECRET}` : '');
}

function corsOrigins(value: string | undefined): string[] | '*' | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return '*';
  return value
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
}

/** 80% of the open-file limit (Linux's /proc/self/limits), at most 50,000; 1,000 where it cannot be read. */
function defaultMaxConnections(): number {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = Number(/^Max open files\s+(\d+)/m.exec(limits)?.[1]);
    if (soft > 0) return Math.max(16, Math.min(50_000, Math.floor(soft * 0.8)));
  } catch {
    // not Linux: fall through
  }
  return 1000;
}

/** The gateway's settings from its environment (see environment-variables.ts for each variable). */
export function loadConfig(environment: Record<string, string | undefined> = process.env): GatewayConfig {
  const variables = readEnvironment(environment);
  const upstreamTimeoutMs = variables.ADS_UPSTREAM_TIMEOUT_MS;
  const http = { timeoutMs: upstreamTimeoutMs };
  const dataDir = path.resolve(variables.ADS_DATA_DIR);
  return {
    port: variables.PORT,
    host: variables.HOST,
    engine: storeEngineFor(variables.DATABASE_URL),
    databaseUrl: variables.DATABASE_URL,
    dataDir,
    publicUrl: variables.ADS_PUBLIC_URL,
    adminToken: variables.ADS_ADMIN_TOKEN,
    pricesFile: variables.ADS_PRICES_FILE ? path.resolve(variables.ADS_PRICES_FILE) : undefined,
    bodyLimit: variables.ADS_BODY_LIMIT,
    uploadLimitBytes: variables.ADS_UPLOAD_LIMIT,
    starterCredits: variables.ADS_STARTER_CREDITS,
    migrate: variables.ADS_MIGRATE,
    firstUserEmail: variables.ADS_FIRST_USER_EMAIL,
    console: variables.ADS_CONSOLE,
    logLevel: variables.LOG_LEVEL,
    runnerConcurrency: variables.ADS_RUNNER_CONCURRENCY,
    runnerIdleMs: variables.ADS_RUNNER_IDLE_MS,
    runnerEnabled: variables.ADS_RUNNER_ENABLED,
    leaseMs: variables.ADS_LEASE_MS,
    pollScale: variables.ADS_POLL_SCALE,
    shutdownTimeoutMs: variables.ADS_SHUTDOWN_TIMEOUT_MS,
    upstreamTimeoutMs,
    sandboxRunSeconds: variables.ADS_SANDBOX_RUN_SECONDS,
    allowPrivateUrls: variables.ADS_ALLOW_PRIVATE_URLS,
    corsOrigins: corsOrigins(variables.ADS_CORS_ORIGINS),
    trustProxy: variables.ADS_TRUST_PROXY ?? [],
    metricsToken: variables.ADS_METRICS_TOKEN,
    storage: storageConfig(variables, dataDir, environment),
    webhooks: {
      timeoutMs: variables.ADS_WEBHOOK_TIMEOUT_MS,
      maxInFlightPerEndpoint: variables.ADS_WEBHOOK_MAX_IN_FLIGHT,
    },
    limits: {
      maxConnections: variables.ADS_MAX_CONNECTIONS ?? defaultMaxConnections(),
      headersTimeoutMs: variables.ADS_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: variables.ADS_REQUEST_TIMEOUT_MS,
      maxHeldWaits: variables.ADS_MAX_HELD_WAITS,
      maxHeldWaitsPerKey: variables.ADS_MAX_HELD_WAITS_PER_KEY,
    },
    providers: {
      kie: {
        apiKey: variables.KIE_API_KEY ?? '',
        baseURL: variables.KIE_BASE_URL,
        uploadBaseURL: variables.KIE_UPLOAD_BASE_URL,
        webhookHmacKey: variables.KIE_WEBHOOK_HMAC_KEY ?? '',
        http,
        rateLimits: {
          submit: { limit: variables.KIE_SUBMITS_PER_10S, windowMs: 10_000 },
          status: { limit: variables.KIE_READS_PER_SECOND, windowMs: 1000 },
        },
      },
      fal: {
        apiKey: falKey(variables),
        queueURL: variables.FAL_QUEUE_URL,
        restURL: variables.FAL_REST_URL,
        jwksURL: variables.FAL_JWKS_URL,
        http,
      },
    },
  };
}
