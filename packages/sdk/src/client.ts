import { createRawClient, type RawClient } from './raw-client.js';
import {
  type ActionsResource,
  type ActionTaskResult,
  actionsResource,
  type GenerateAndWaitInput,
} from './resources/actions.js';
import { type AdminResource, adminResource } from './resources/admin.js';
import {
  type AccountResource,
  accountResource,
  type LedgerResource,
  ledgerResource,
  type ModelsResource,
  modelsResource,
} from './resources/catalog.js';
import { type FilesResource, filesResource } from './resources/files.js';
import {
  type TasksResource,
  tasksResource,
  type VideosResource,
  videosResource,
} from './resources/videos.js';
import { type WebhooksResource, webhooksResource } from './resources/webhooks.js';
import type { StreamSettings } from './task-stream.js';
import { type GenerateAndWaitOptions, generateAndWait, type WaitOptions, waitForTask } from './wait.js';

export interface ClientOptions {
  /** Where the gateway is, e.g. `http://127.0.0.1:8787`. */
  baseUrl: string;
  /** An API key (`sk-...`), sent as `Authorization: Bearer`. */
  apiKey?: string;
  /** The gateway's ADS_ADMIN_TOKEN, for `client.admin`. */
  adminToken?: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Per-attempt timeout of every call unless the call says otherwise (default 60000). */
  timeoutMs?: number;
  /** Retries of safe calls (default 2). */
  maxRetries?: number;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
}

/** A client for one ads gateway: the actions API, the REST API, and the admin API. */
export interface AdsClient {
  /** The actions API of the CLI & API guide (camelCase). */
  actions: ActionsResource;
  /** `POST /v1/videos/generations`. */
  videos: VideosResource;
  /** `/v1/files`: upload a Blob or a local path, to give its `id` as an image or video input. */
  files: FilesResource;
  /** `/v1/tasks`: read, list and cancel tasks of either surface. */
  tasks: TasksResource;
  models: ModelsResource;
  account: AccountResource;
  /** `GET /v1/ledger`: the workspace's top-ups, reserves, refunds and adjustments. */
  ledger: LedgerResource;
  /** `/v1/webhooks`: endpoints, their deliveries, and the signing secret of per-request callbacks. */
  webhooks: WebhooksResource;
  /** The operator's API; needs `adminToken`. */
  admin: AdminResource;
  /** Creates a task and follows it (its event stream, else polling) until it ends, reporting progress. */
  generateAndWait(input: GenerateAndWaitInput, options?: GenerateAndWaitOptions): Promise<ActionTaskResult>;
  /** Waits for a task created earlier (by id) to end; see WaitOptions. */
  waitForTask(taskId: string, options?: WaitOptions): Promise<ActionTaskResult>;
  /** The underlying ts-rest client, for anything the methods above do not cover. */
  raw: RawClient;
}

export function createClient(options: ClientOptions): AdsClient {
  const raw: RawClient = createRawClient(options.baseUrl, {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    apiKey: options.apiKey,
    adminToken: options.adminToken,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    headers: options.headers ?? {},
  });
  const actions = actionsResource(raw);
  const streams: StreamSettings = {
    baseUrl: options.baseUrl,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    headers: () => ({
      ...options.headers,
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
    }),
  };
  return {
    actions,
    videos: videosResource(raw),
    tasks: tasksResource(raw),
    files: filesResource(raw, streams),
    models: modelsResource(raw),
    account: accountResource(raw),
    ledger: ledgerResource(raw),
    admin: adminResource(raw),
    webhooks: webhooksResource(raw),
    generateAndWait: (input, waitOptions) => generateAndWait(actions, input, { ...waitOptions, streams }),
    waitForTask: async (taskId, waitOptions) => {
      const startedAt = Date.now();
      const task = await actions.query(
        { taskId, workspaceId: waitOptions?.workspaceId },
        { signal: waitOptions?.signal },
      );
      waitOptions?.onProgress?.({ task, elapsedMs: Date.now() - startedAt });
      return waitForTask(actions, task, { ...waitOptions, startedAt, streams });
    },
    raw,
  };
}
