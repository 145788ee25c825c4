import type { Contract } from '@ads/contract';
import { initClient } from '@ts-rest/core';
import { routes } from './routes.generated.js';
import { createTransport, type TransportSettings } from './transport.js';

/** The ts-rest client for the whole contract, over the SDK's transport. */
export function createRawClient(baseUrl: string, settings: TransportSettings) {
  return initClient(routes as unknown as Contract, {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    api: createTransport(settings),
    validateResponse: false,
  });
}

export type RawClient = ReturnType<typeof createRawClient>;
