/** One environment variable ads-server reads: the operator's reference (docs, `ads-server --help`). */
export interface EnvironmentVariable {
  name: string;
  /** The value used when it is unset, as text; undefined when unset means "off". */
  defaultValue?: string;
  description: string;
  group: 'server' | 'store' | 'providers' | 'tuning';
}

/**
 * Every variable `loadConfig` reads. A test reads them back through `loadConfig` itself, so a new
 * variable cannot be added there without being described here (and so in the docs).
 */
export const environmentVariables: readonly EnvironmentVariable[] = [
  { name: 'PORT', defaultValue: '8787', group: 'server', description: 'The port to listen on.' },
  {
    name: 'HOST',
    defaultValue: '127.0.0.1',
    group: 'server',
    description: 'The address to listen on; `0.0.0.0` in a container or behind a proxy on another host.',
  },
  {
    name: 'ADS_PUBLIC_URL',
    group: 'server',
    description:
      'The gateway’s address as the world sees it (`https://ads.example.com`). Enables provider webhooks at `/webhooks/<provider>`; sandbox video URLs use it too.',
  },
  {
    name: 'ADS_ADMIN_TOKEN',
    group: 'server',
    description:
      'Enables the admin API (`/v1/admin/*`, `ads admin ...`) for `Authorization: Bearer <token>`. Unset, the admin API answers 403.',
  },
  {
    name: 'ADS_BODY_LIMIT',
    defaultValue: '1mb',
    group: 'server',
    description: 'Largest request body; larger ones get a 413 `payload_too_large`.',
  },
  {
    name: 'LOG_LEVEL',
    defaultValue: 'info',
    group: 'server',
    description:
      'pino log level (`debug`, `info`, `warn`, `error`). Logs are JSON lines on stdout with a `requestId`.',
  },
  {
    name: 'ADS_SHUTDOWN_TIMEOUT_MS',
    defaultValue: '30000',
    group: 'server',
    description:
      'How long `SIGTERM` waits for requests in flight; held `generate_and_wait` calls answer with their task as it stands.',
  },
  {
    name: 'DATABASE_URL',
    group: 'store',
    description:
      '`postgres://user:pass@host:5432/db` stores everything in PostgreSQL, which several instances may share. Unset: SQLite under `ADS_DATA_DIR`.',
  },
  {
    name: 'ADS_DATA_DIR',
    defaultValue: './data',
    group: 'store',
    description: 'The SQLite file (`ads.sqlite`) and the sandbox provider’s videos.',
  },
  {
    name: 'ADS_STARTER_CREDITS',
    defaultValue: '1000',
    group: 'store',
    description: 'Credits of the workspace (and key) created on the very first start of an empty store.',
  },
  {
    name: 'KIE_API_KEY',
    group: 'providers',
    description: 'Enables kie.ai (and makes its models the defaults).',
  },
  {
    name: 'KIE_BASE_URL',
    defaultValue: 'https://api.kie.ai',
    group: 'providers',
    description: 'kie.ai’s API address (an emulator or a proxy in tests).',
  },
  {
    name: 'KIE_WEBHOOK_HMAC_KEY',
    group: 'providers',
    description: 'kie.ai’s webhook HMAC key; when set, kie callbacks must carry a valid signature.',
  },
  { name: 'FAL_KEY', group: 'providers', description: 'Enables fal.ai (`key_id:key_secret`).' },
  {
    name: 'FAL_KEY_ID',
    group: 'providers',
    description: 'fal.ai key id, with `FAL_KEY_SECRET`, instead of `FAL_KEY`.',
  },
  { name: 'FAL_KEY_SECRET', group: 'providers', description: 'fal.ai key secret, with `FAL_KEY_ID`.' },
  {
    name: 'FAL_QUEUE_URL',
    defaultValue: 'https://queue.fal.run',
    group: 'providers',
    description: 'fal.ai’s queue API address.',
  },
  {
    name: 'FAL_JWKS_URL',
    defaultValue: 'https://rest.fal.ai/.well-known/jwks.json',
    group: 'providers',
    description: 'Where fal.ai’s webhook signing keys are fetched from (ED25519 JWKS, cached).',
  },
  {
    name: 'ADS_SANDBOX_RUN_SECONDS',
    defaultValue: '3',
    group: 'providers',
    description:
      'How long a sandbox job takes when the request does not set `options.run_seconds` (useful for demos and tests).',
  },
  {
    name: 'ADS_POLL_SCALE',
    defaultValue: '1',
    group: 'tuning',
    description: 'Multiplies every poll delay: below 1 lower latency, above 1 fewer upstream status calls.',
  },
  {
    name: 'ADS_UPSTREAM_TIMEOUT_MS',
    defaultValue: '30000',
    group: 'tuning',
    description:
      'How long a call to kie or fal may take before it counts as failed (a status read is then retried later; the task keeps running).',
  },
  {
    name: 'ADS_RUNNER_CONCURRENCY',
    defaultValue: '32',
    group: 'tuning',
    description: 'Status checks and submissions at once per instance.',
  },
  {
    name: 'ADS_RUNNER_IDLE_MS',
    defaultValue: '500',
    group: 'tuning',
    description:
      'How often the runner looks for due tasks when nothing wakes it (other instances’ tasks, restarts).',
  },
  {
    name: 'ADS_LEASE_MS',
    defaultValue: '60000',
    group: 'tuning',
    description:
      'How long a task claimed by one instance stays claimed; a crashed instance’s tasks are picked up after it.',
  },
];
