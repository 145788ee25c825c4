import { type InitClientReturn, initClient } from '@ts-rest/core';
import type { SdkContract } from './route-table.js';
import { routes } from './routes.generated.js';
import { createTransport, type TransportSettings } from './transport.js';

export type RawClient = InitClientReturn<
  SdkContract,
  { baseUrl: string; api: ReturnType<typeof createTransport>; validateResponse: false }
>;

/** The ts-rest client for the whole contract, over the SDK's transport. */
export function createRawClient(baseUrl: string, settings: TransportSettings): RawClient {
  return initClient(routes as unknown as SdkContract, {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    api: createTransport(settings),
    validateResponse: false,
  });
}
