import { type RunningGateway, repositoryServerBin, startGatewayProcess } from '@ads/testing';
import { afterAll, beforeAll } from 'vitest';
import { type AdsClient, createClient } from '../../src/index.js';

/** ads-server as its own process (SQLite, sandbox, kie and fal emulators), as a client meets it. */
export function startGateway(environment: Record<string, string> = {}): Promise<RunningGateway> {
  return startGatewayProcess({ bin: repositoryServerBin(), environment });
}

export interface GatewayUnderTest {
  gateway: RunningGateway;
  /** A client with the first API key and the admin token. */
  ads: AdsClient;
}

/** One gateway for the test file: started before its tests, stopped after them. */
export function useGateway(): GatewayUnderTest {
  const state = {} as GatewayUnderTest;
  beforeAll(async () => {
    state.gateway = await startGateway();
    state.ads = createClient({
      baseUrl: state.gateway.url,
      apiKey: state.gateway.apiKey,
      adminToken: state.gateway.adminToken,
    });
  });
  afterAll(() => state.gateway?.stop());
  return state;
}
