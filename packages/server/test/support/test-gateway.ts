import path from 'node:path';
import type { EmulatorCore } from '@ads/provider/testing';
import { testAdminToken } from '@ads/testing';
import pino from 'pino';
import type { FirstKey } from '../../src/bootstrap.js';
import { loadConfig } from '../../src/config.js';
import { type Gateway, type GatewayOptions, startGateway } from '../../src/gateway.js';
import { findTask } from '../../src/store/task-repository.js';
import { freshStoreEnvironment, type StoreKind } from './stores.js';

export { testAdminToken };

/** The operator's binary, for tests that run the gateway as its own process. */
export const gatewayBin = path.join(import.meta.dirname, '../../bin/ads-server.js');

/** A JSON answer in a test: its shape is what the assertions check. */
// biome-ignore lint/suspicious/noExplicitAny: answers are arbitrary JSON, checked by the assertions
export type Json = any;

export interface ApiAnswer<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

/** Real HTTP requests to a gateway: with its first API key (unless `apiKey` says otherwise), or as admin. */
export interface GatewayCalls {
  call<T = Json>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; apiKey?: string | null },
  ): Promise<ApiAnswer<T>>;
  admin<T = Json>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
}

export function gatewayCalls(url: string, apiKey: string): GatewayCalls {
  return {
    call: (method, path, callOptions = {}) =>
      request(`${url}${path}`, method, {
        body: callOptions.body,
        headers: callOptions.headers,
        bearer: callOptions.apiKey === undefined ? apiKey : callOptions.apiKey,
      }),
    admin: (method, path, body) => request(`${url}${path}`, method, { body, bearer: testAdminToken }),
  };
}

export interface TestGateway extends GatewayCalls {
  gateway: Gateway;
  url: string;
  apiKey: string;
  workspaceId: string;
  environment: Record<string, string>;
  close(): Promise<void>;
}

/** The settings every test gateway shares: loopback, any free port, quiet, fast polling. */
export function testEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    ADS_ADMIN_TOKEN: testAdminToken,
    LOG_LEVEL: 'silent',
    ADS_SANDBOX_RUN_SECONDS: '1',
    ADS_RUNNER_IDLE_MS: '50',
    ADS_POLL_SCALE: '0.02',
    ADS_STARTER_CREDITS: '1000',
    ...extra,
  };
}

export async function request<T = Json>(
  url: string,
  method: string,
  options: { body?: unknown; headers?: Record<string, string>; bearer?: string | null } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(url, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON (a video, a page): keep the text.
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export async function startTestGateway(
  options: {
    store: StoreKind;
    environment?: Record<string, string>;
    storeEnvironment?: Record<string, string>;
  } & Pick<GatewayOptions, 'now' | 'providers' | 'startRunner' | 'logger'>,
): Promise<TestGateway> {
  const environment = testEnvironment({
    ...(options.storeEnvironment ?? (await freshStoreEnvironment(options.store))),
    ...options.environment,
  });
  let firstKey: FirstKey | undefined;
  const gateway = await startGateway(loadConfig(environment), {
    logger: options.logger ?? pino({ level: 'silent' }),
    onFirstKey: (key) => {
      firstKey = key;
    },
    ...(options.now ? { now: options.now } : {}),
    ...(options.providers ? { providers: options.providers } : {}),
    ...(options.startRunner === undefined ? {} : { startRunner: options.startRunner }),
  });
  if (!firstKey) throw new Error('the test store was not empty');
  const { apiKey, workspaceId } = firstKey;
  return {
    gateway,
    url: gateway.url,
    apiKey,
    workspaceId,
    environment,
    ...gatewayCalls(gateway.url, apiKey),
    close: () => gateway.close(),
  };
}

/** Polls GET /v1/tasks/:id until the task ends; the tests' own "wait", with a generous cap. */
export async function waitForEnd(gateway: TestGateway, taskId: string, timeoutMs = 30_000): Promise<Json> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await gateway.call('GET', `/v1/tasks/${taskId}`);
    if (!['pending', 'running'].includes(body.status)) return body;
    if (Date.now() > deadline) throw new Error(`task ${taskId} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Ends the held emulated job behind a task; throws when the emulator holds no job of it. */
export async function releaseJob(
  gateway: TestGateway,
  emulator: EmulatorCore,
  taskId: string,
): Promise<void> {
  const task = await findTask(gateway.gateway.store.db, taskId);
  const released = emulator.release((job) => job.id === task?.upstreamId);
  if (released !== 1) throw new Error(`no held job for task ${taskId} (upstream id ${task?.upstreamId})`);
}
