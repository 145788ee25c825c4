import { type RunningGateway, serverBin, startGatewayProcess } from '@ads/testing';

/** ads-server as its own process (SQLite, sandbox, kie and fal emulators), for tests that need one. */
export function startGateway(environment: Record<string, string> = {}): Promise<RunningGateway> {
  return startGatewayProcess({ bin: serverBin(import.meta.url), environment });
}
