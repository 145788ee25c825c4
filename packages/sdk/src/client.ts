import { createRawClient, type RawClient } from './raw-client.js';
import { actionsResource, type GenerateAndWaitInput } from './resources/actions.js';
import { adminResource } from './resources/admin.js';
import { accountResource, modelsResource } from './resources/catalog.js';
import { tasksResource, videosResource } from './resources/videos.js';
import { type GenerateAndWaitOptions, generateAndWait } from './wait.js';

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
export function createClient(options: ClientOptions) {
  const raw: RawClient = createRawClient(options.baseUrl, {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    apiKey: options.apiKey,
    adminToken: options.adminToken,
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 2,
    headers: options.headers ?? {},
  });
  const actions = actionsResource(raw);
  return {
    actions,
    videos: videosResource(raw),
    tasks: tasksResource(raw),
    models: modelsResource(raw),
    account: accountResource(raw),
    admin: adminResource(raw),
    /** Creates a task and polls it until it ends, reporting progress; see GenerateAndWaitOptions. */
    generateAndWait: (input: GenerateAndWaitInput, waitOptions?: GenerateAndWaitOptions) =>
      generateAndWait(actions, input, waitOptions),
    /** The underlying ts-rest client, for anything the methods above do not cover. */
    raw,
  };
}

export type AdsClient = ReturnType<typeof createClient>;
