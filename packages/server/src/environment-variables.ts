import bytes from 'bytes';
import { z } from 'zod';
import { compileProxyTrust } from './http/client-address.js';

/**
 * Every environment variable ads-server reads, as one zod schema: each variable's parser, default,
 * description and group are written here once. `loadConfig` parses the environment with it, and the
 * operator's reference (the docs' Self-hosting page, `ads-server --help`) is read off the same schema.
 */

export type VariableGroup = 'server' | 'store' | 'storage' | 'providers' | 'tuning';

interface VariableSpec {
  group: VariableGroup;
  /** The value used when it is unset, as an operator would write it; none means "off". */
  default?: string;
  description: string;
}

/** What each kind of variable accepts; the message completes "NAME ..." in the error an operator reads. */
const text = z.string();
const wholeNumber = (minimum: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: `must be a whole number of at least ${minimum}` })
    .transform(Number)
    .pipe(z.number().min(minimum, { error: `must be a whole number of at least ${minimum}` }));
const positiveNumber = z
  .string()
  .transform(Number)
  .pipe(z.number({ error: 'must be a number above 0' }).positive({ error: 'must be a number above 0' }));
const byteSize = z
  .string()
  .transform((value) => bytes.parse(value) ?? Number.NaN)
  .pipe(
    z
      .number({ error: 'must be a size such as 100mb' })
      .int()
      .positive({ error: 'must be a size such as 100mb' }),
  );
const proxyList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  )
  .refine(
    (entries) => {
      try {
        compileProxyTrust(entries);
        return true;
      } catch {
        return false;
      }
    },
    { error: 'must be addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated' },
  );
const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((value) => value.replace(/\/+$/, ''));

/** A variable with a default always has a value; one without is undefined when unset. */
function variable<Value>(
  value: z.ZodType<Value, string>,
  spec: VariableSpec & { default: string },
): z.ZodType<Value, string | undefined>;
function variable<Value>(
  value: z.ZodType<Value, string>,
  spec: VariableSpec,
): z.ZodType<Value | undefined, string | undefined>;
function variable<Value>(value: z.ZodType<Value, string>, spec: VariableSpec) {
  const parsed =
    spec.default === undefined
      ? z.string().optional().pipe(value.optional())
      : z.string().default(spec.default).pipe(value);
  return parsed.meta({ ...spec });
}

export const environmentSchema = z.object({
  PORT: variable(wholeNumber(0), { group: 'server', default: '8787', description: 'The port to listen on.' }),
  HOST: variable(text, {
    group: 'server',
    default: '127.0.0.1',
    description: 'The address to listen on; `0.0.0.0` in a container or behind a proxy on another host.',
  }),
  ADS_PUBLIC_URL: variable(httpUrl, {
    group: 'server',
    description:
      'The gateway’s address as the world sees it (`https://ads.example.com`). Enables provider webhooks at `/webhooks/<provider>`; sandbox video URLs use it too.',
  }),
  ADS_ADMIN_TOKEN: variable(text, {
    group: 'server',
    description:
      'Enables the admin API (`/v1/admin/*`, `ads admin ...`) for `Authorization: Bearer <token>`. Unset, the admin API answers 403.',
  }),
  ADS_PRICES_FILE: variable(text, {
    group: 'server',
    description:
      'A price file (YAML or JSON) of per-model price rules, checked against the catalog at start (a problem stops the start, naming its line) and read again on `SIGHUP`. Unset, every task costs its scene price. See the Pricing page.',
  }),
  ADS_BODY_LIMIT: variable(text, {
    group: 'server',
    default: '1mb',
    description: 'Largest request body; larger ones get a 413 `payload_too_large`.',
  }),
  ADS_UPLOAD_LIMIT: variable(byteSize, {
    group: 'server',
    default: '100mb',
    description:
      'Largest file POST /v1/files (and a file input_reference) accepts; the upload stops there with a 413.',
  }),
  LOG_LEVEL: variable(text, {
    group: 'server',
    default: 'info',
    description:
      'pino log level (`debug`, `info`, `warn`, `error`). Logs are JSON lines on stdout with a `requestId`.',
  }),
  ADS_SHUTDOWN_TIMEOUT_MS: variable(wholeNumber(0), {
    group: 'server',
    default: '30000',
    description:
      'How long `SIGTERM` waits for requests in flight; held `generate_and_wait` calls answer with their task as it stands.',
  }),
  ADS_ALLOW_PRIVATE_URLS: variable(flag, {
    group: 'server',
    default: 'false',
    description:
      'Lets the gateway fetch client-given URLs (sandbox image inputs) on loopback, private and link-local addresses. Only for local development and tests: with it, a client can make the gateway read inside your network.',
  }),
  ADS_CORS_ORIGINS: variable(text, {
    group: 'server',
    description:
      'Browser origins allowed to call the API, comma-separated (`https://app.example.com,http://localhost:5173`), or `*`. Unset: no cross-origin access.',
  }),
  ADS_TRUST_PROXY: variable(proxyList, {
    group: 'server',
    description:
      'The reverse proxies in front of the gateway, comma-separated: addresses, CIDR ranges, or `loopback`, `linklocal`, `uniquelocal` (`127.0.0.1` for nginx on the same host). `X-Forwarded-For` and `X-Forwarded-Proto` are believed only from these, for the client address in the logs and the sign-in limits. Unset: no proxy is trusted.',
  }),
  ADS_METRICS_TOKEN: variable(text, {
    group: 'server',
    description:
      'When set, `GET /metrics` needs `Authorization: Bearer <token>`; unset, it is open (keep it off the public network).',
  }),
  ADS_MAX_CONNECTIONS: variable(wholeNumber(1), {
    group: 'server',
    description:
      'Open client connections at most; past it a new one is answered 503 `unavailable` and closed. Unset: 80% of the process’s open-file limit (at most 50,000), leaving room for the store, upstream calls and files.',
  }),
  ADS_HEADERS_TIMEOUT_MS: variable(wholeNumber(100), {
    group: 'server',
    default: '10000',
    description:
      'How long a client has to send a request’s headers (or, on a new connection, any request at all) before the connection is closed.',
  }),
  ADS_REQUEST_TIMEOUT_MS: variable(wholeNumber(100), {
    group: 'server',
    default: '30000',
    description:
      'How long a client has to send a whole request, body included (a held `generate_and_wait` answer is not limited by it).',
  }),
  ADS_MAX_HELD_WAITS: variable(wholeNumber(1), {
    group: 'server',
    default: '2000',
    description:
      '`generate_and_wait` requests held open at once by this instance; past it one is answered 429 `rate_limited` with `Retry-After`, before any task is created.',
  }),
  ADS_MAX_HELD_WAITS_PER_KEY: variable(wholeNumber(1), {
    group: 'server',
    default: '50',
    description:
      '`generate_and_wait` requests one API key may hold open at once on this instance (429 past it).',
  }),
  DATABASE_URL: variable(text, {
    group: 'store',
    description:
      '`postgres://user:pass@host:5432/db` stores everything in PostgreSQL, which several instances may share. Unset: SQLite under `ADS_DATA_DIR`.',
  }),
  ADS_DATA_DIR: variable(text, {
    group: 'store',
    default: './data',
    description: 'The SQLite file (`ads.sqlite`) and, with local storage, the videos (`storage/`).',
  }),
  ADS_MIGRATE: variable(flag, {
    group: 'store',
    default: 'true',
    description:
      'false: do not apply migrations at start; run `ads-server migrate` once instead (a release step, or a Kubernetes Job). Until the store has every migration this release knows, `/readyz` answers 503 with `schema: failing`. A store with no schema at all stops the start.',
  }),
  ADS_STARTER_CREDITS: variable(wholeNumber(0), {
    group: 'store',
    default: '1000',
    description: 'Credits of the workspace (and key) created on the very first start of an empty store.',
  }),
  ADS_CONSOLE: variable(flag, {
    group: 'server',
    default: 'true',
    description:
      'Serve the web console (sign-in, keys, videos, playground, usage) at `/`. `false`: the API only.',
  }),
  ADS_FIRST_USER_EMAIL: variable(z.email({ error: 'must be an email address' }), {
    group: 'store',
    default: 'admin@example.com',
    description:
      'The console user (an operator) created beside the first key on an empty store; its password is printed once.',
  }),
  ADS_STORAGE: variable(z.enum(['local', 's3'], { error: 'must be local or s3' }), {
    group: 'storage',
    default: 'local',
    description:
      'Where finished videos are kept: `local` (a folder, `ADS_STORAGE_DIR`) or `s3` (any S3-compatible object store; needed for several instances on different hosts).',
  }),
  ADS_STORAGE_DIR: variable(text, {
    group: 'storage',
    description: 'The folder of local storage. Unset: `storage/` under `ADS_DATA_DIR`.',
  }),
  ADS_S3_BUCKET: variable(text, {
    group: 'storage',
    description:
      'The bucket of S3 storage (required with `ADS_STORAGE=s3`). Credentials come from the usual AWS variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, profiles, roles).',
  }),
  ADS_S3_ENDPOINT: variable(httpUrl, {
    group: 'storage',
    description: 'An S3-compatible endpoint (MinIO, Ceph, R2, ...). Unset: AWS S3 itself.',
  }),
  ADS_S3_REGION: variable(text, {
    group: 'storage',
    default: 'us-east-1',
    description: 'The bucket’s region.',
  }),
  ADS_S3_FORCE_PATH_STYLE: variable(flag, {
    group: 'storage',
    default: 'false',
    description:
      'Addresses objects as `endpoint/bucket/key` (most self-hosted S3-compatible stores need it).',
  }),
  ADS_S3_REDIRECT: variable(flag, {
    group: 'storage',
    default: 'false',
    description:
      'Answers a video download with a redirect to a presigned S3 link instead of streaming it through the gateway.',
  }),
  ADS_VIDEO_LINK_TTL_SECONDS: variable(wholeNumber(60), {
    group: 'storage',
    default: '3600',
    description:
      'How long a signed video link in a task stays valid; every read of the task gives fresh ones (the API key works on the same path at any time).',
  }),
  ADS_STORAGE_DEADLINE_SECONDS: variable(wholeNumber(1), {
    group: 'storage',
    default: '3600',
    description:
      'How long the copy of a finished video into storage is retried. Past it the task succeeds with the provider’s own link (`stored: false`), counted by `ads_videos_unstored_total`.',
  }),
  ADS_MAX_VIDEO_BYTES: variable(wholeNumber(1), {
    group: 'storage',
    default: '4294967296',
    description: 'The largest video copied into storage (4 GiB); a larger one keeps the provider’s link.',
  }),
  ADS_RETENTION_DAYS: variable(positiveNumber, {
    group: 'storage',
    description:
      'Deletes stored videos this many days after their task ended (the task stays, marked). Unset: videos are kept.',
  }),
  KIE_API_KEY: variable(text, {
    group: 'providers',
    description: 'Enables kie.ai (and makes its models the defaults).',
  }),
  KIE_BASE_URL: variable(httpUrl, {
    group: 'providers',
    default: 'https://api.kie.ai',
    description: 'kie.ai’s API address (an emulator or a proxy in tests).',
  }),
  KIE_UPLOAD_BASE_URL: variable(httpUrl, {
    group: 'providers',
    default: 'https://kieai.redpandaai.co',
    description:
      'kie.ai’s File Upload API address: uploaded inputs go there when the gateway has no ADS_PUBLIC_URL.',
  }),
  KIE_WEBHOOK_HMAC_KEY: variable(text, {
    group: 'providers',
    description: 'kie.ai’s webhook HMAC key; when set, kie callbacks must carry a valid signature.',
  }),
  KIE_SUBMITS_PER_10S: variable(wholeNumber(1), {
    group: 'providers',
    default: '20',
    description:
      'New kie.ai jobs the gateway starts per 10 s (kie’s documented account limit; raise it when kie support raised yours). Shared by every instance on PostgreSQL.',
  }),
  KIE_READS_PER_SECOND: variable(wholeNumber(1), {
    group: 'providers',
    default: '10',
    description:
      'kie.ai status reads per second (kie’s documented limit per key). Shared by every instance on PostgreSQL.',
  }),
  FAL_KEY: variable(text, { group: 'providers', description: 'Enables fal.ai (`key_id:key_secret`).' }),
  FAL_KEY_ID: variable(text, {
    group: 'providers',
    description: 'fal.ai key id, with `FAL_KEY_SECRET`, instead of `FAL_KEY`.',
  }),
  FAL_KEY_SECRET: variable(text, {
    group: 'providers',
    description: 'fal.ai key secret, with `FAL_KEY_ID`.',
  }),
  FAL_QUEUE_URL: variable(httpUrl, {
    group: 'providers',
    default: 'https://queue.fal.run',
    description: 'fal.ai’s queue API address.',
  }),
  FAL_REST_URL: variable(httpUrl, {
    group: 'providers',
    default: 'https://rest.fal.ai',
    description:
      'fal.ai’s REST API address: uploaded inputs go to fal’s storage from there when the gateway has no ADS_PUBLIC_URL.',
  }),
  FAL_JWKS_URL: variable(httpUrl, {
    group: 'providers',
    default: 'https://rest.fal.ai/.well-known/jwks.json',
    description: 'Where fal.ai’s webhook signing keys are fetched from (ED25519 JWKS, cached).',
  }),
  ADS_SANDBOX_RUN_SECONDS: variable(wholeNumber(0), {
    group: 'providers',
    default: '3',
    description:
      'How long a sandbox job takes when the request does not set `options.run_seconds` (useful for demos and tests).',
  }),
  ADS_POLL_SCALE: variable(positiveNumber, {
    group: 'tuning',
    default: '1',
    description: 'Multiplies every poll delay: below 1 lower latency, above 1 fewer upstream status calls.',
  }),
  ADS_UPSTREAM_TIMEOUT_MS: variable(wholeNumber(100), {
    group: 'tuning',
    default: '30000',
    description:
      'How long a call to kie or fal may take before it counts as failed (a status read is then retried later; the task keeps running).',
  }),
  ADS_RUNNER_CONCURRENCY: variable(wholeNumber(1), {
    group: 'tuning',
    default: '32',
    description: 'Status checks and submissions at once per instance.',
  }),
  ADS_RUNNER_ENABLED: variable(flag, {
    group: 'tuning',
    default: 'true',
    description:
      'false makes an API-only instance: it serves requests (and submits what it creates) but never claims due tasks or sends webhooks; the other instances on the store do.',
  }),
  ADS_RUNNER_IDLE_MS: variable(wholeNumber(10), {
    group: 'tuning',
    default: '500',
    description:
      'How often the runner looks for due tasks when nothing wakes it (other instances’ tasks, restarts).',
  }),
  ADS_WEBHOOK_TIMEOUT_MS: variable(wholeNumber(100), {
    group: 'tuning',
    default: '10000',
    description:
      'How long one webhook attempt may take, connect to answer; a slower receiver counts as failed.',
  }),
  ADS_WEBHOOK_MAX_IN_FLIGHT: variable(wholeNumber(1), {
    group: 'tuning',
    default: '4',
    description: 'Webhook attempts in flight to one endpoint, per instance.',
  }),
  ADS_LEASE_MS: variable(wholeNumber(1000), {
    group: 'tuning',
    default: '60000',
    description:
      'How long a task claimed by one instance stays claimed; a crashed instance’s tasks are picked up after it.',
  }),
});

export type Environment = z.output<typeof environmentSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads every variable of the schema from `environment` (blank counts as unset) and parses them;
 * a bad value is a ConfigError that names the variable, what it must be, and what it was.
 */
export function readEnvironment(environment: Record<string, string | undefined>): Environment {
  const given: Record<string, string | undefined> = {};
  for (const name of Object.keys(environmentSchema.shape)) {
    const value = environment[name]?.trim();
    given[name] = value === '' ? undefined : value;
  }
  const parsed = environmentSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const name = String(issue?.path[0] ?? '');
  throw new ConfigError(`${name} ${issue?.message ?? 'is not valid'} (got "${given[name]}").`);
}

/** One environment variable ads-server reads: the operator's reference (docs, `ads-server --help`). */
export interface EnvironmentVariable {
  name: string;
  /** The value used when it is unset, as text; undefined when unset means "off". */
  defaultValue?: string;
  description: string;
  group: VariableGroup;
}

export const environmentVariables: readonly EnvironmentVariable[] = Object.entries(
  environmentSchema.shape,
).map(([name, schema]) => {
  const spec = z.globalRegistry.get(schema) as unknown as VariableSpec;
  return {
    name,
    ...(spec.default === undefined ? {} : { defaultValue: spec.default }),
    description: spec.description,
    group: spec.group,
  };
});
