import type { Contract } from '@ads/contract';
import { type InitClientReturn, initClient } from '@ts-rest/core';
import { routes } from './routes.generated.js';
import { createTransport, type TransportSettings } from './transport.js';

export type RawClient = InitClientReturn<
  Contract,
  { baseUrl: string; api: ReturnType<typeof createTransport>; validateResponse: false }
>;

/** The ts-rest client for the whole contract, over the SDK's transport. */
export function createRawClient(baseUrl: string, settings: TransportSettings): RawClient {
  return initClient(routes as unknown as Contract, {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    api: createTransport(settings),
    validateResponse: false,
  });
}
