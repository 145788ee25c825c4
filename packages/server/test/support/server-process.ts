import { readFileSync } from 'node:fs';
import { type GatewayProcess, spawnGateway } from '@ads/testing';
import { freshStoreEnvironment, type StoreKind } from './stores.js';
import { type GatewayCalls, gatewayBin, gatewayCalls, testEnvironment } from './test-gateway.js';

/** ads-server as its own process (`node bin/ads-server.js start`) on a fresh store: what an attacker meets. */
export interface ServerProcess extends GatewayCalls {
  url: string;
  apiKey: string;
  process: GatewayProcess;
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
    ...gatewayCalls(url, apiKey),
    rssMb() {
      const status = readFileSync(`/proc/${process.child.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]) / 1024;
    },
    async stop() {
      await process.kill('SIGTERM');
    },
  };
}
