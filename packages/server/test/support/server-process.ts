import { readFileSync } from 'node:fs';
import { type GatewayProcess, spawnGateway } from '@ads/testing';
import { freshStoreEnvironment, type StoreKind } from './stores.js';
import {
  type ApiAnswer,
  gatewayBin,
  type Json,
  request,
  testAdminToken,
  testEnvironment,
} from './test-gateway.js';

/** ads-server as its own process (`node bin/ads-server.js start`) on a fresh store: what an attacker meets. */
export interface ServerProcess {
  url: string;
  apiKey: string;
  process: GatewayProcess;
  call<T = Json>(
    method: string,
    path: string,
    options?: { body?: unknown; headers?: Record<string, string>; apiKey?: string | null },
  ): Promise<ApiAnswer<T>>;
  admin<T = Json>(method: string, path: string, body?: unknown): Promise<ApiAnswer<T>>;
  /** The process's resident memory, in MB (Linux). */
  rssMb(): number;
  stop(): Promise<void>;
}

export async function startServerProcess(options: {
  store: StoreKind;
  environment?: Record<string, string>;
}): Promise<ServerProcess> {
  const environment = testEnvironment({
    DATABASE_URL: '',
    ...(await freshStoreEnvironment(options.store)),
    ...options.environment,
  });
  const process = await spawnGateway(gatewayBin, environment);
  const apiKey = process.firstKey;
  if (!apiKey) throw new Error('ads-server printed no first API key');
  const url = process.url;
  return {
    url,
    apiKey,
    process,
    call: (method, path, callOptions = {}) =>
      request(`${url}${path}`, method, {
        body: callOptions.body,
        headers: callOptions.headers,
        bearer: callOptions.apiKey === undefined ? apiKey : callOptions.apiKey,
      }),
    admin: (method, path, body) => request(`${url}${path}`, method, { body, bearer: testAdminToken }),
    rssMb() {
      const status = readFileSync(`/proc/${process.child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
    },
    async stop() {
      await process.kill('SIGTERM');
    },
  };
}
