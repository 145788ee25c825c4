import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type RunningGateway, serverBin, startGatewayProcess } from '@ads/testing';
import { afterAll, beforeAll } from 'vitest';

export interface CliUnderTest {
  gateway: RunningGateway;
  /** The folder `ads` runs in; its config lives under `config/` there. */
  folder: string;
}

/** One ads-server process and one working folder for the test file, removed after its tests. */
export function useCliGateway(): CliUnderTest {
  const state = {} as CliUnderTest;
  beforeAll(async () => {
    state.gateway = await startGatewayProcess({ bin: serverBin(import.meta.url) });
    state.folder = await mkdtemp(path.join(tmpdir(), 'ads-cli-'));
  });
  afterAll(async () => {
    await state.gateway?.stop();
    if (state.folder) await rm(state.folder, { recursive: true, force: true });
  });
  return state;
}
