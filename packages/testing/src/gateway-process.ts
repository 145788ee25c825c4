import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Emulators, startEmulators } from './emulators.js';
import { freePort } from './free-port.js';
import { type GatewayProcess, spawnGateway } from './spawn-gateway.js';

export const testAdminToken = 'test-admin-token';

export interface RunningGateway {
  url: string;
  apiKey: string;
  /** The console's first user (an operator), created on the empty store beside the key. */
  firstUser: { email: string; password: string } | undefined;
  adminToken: string;
  process: GatewayProcess;
  emulators: Emulators;
  dataDirectory: string;
  stop(): Promise<void>;
}

/**
 * Where the `ads-server` binary is, resolved from the package asking (which lists `@ads/server`
 * among its devDependencies).
 */
/**
 * ads-server's bin in this repository, for a package that cannot depend on the server (the SDK:
 * the console, which the server ships, is built from it).
 */
export function repositoryServerBin(): string {
  return fileURLToPath(new URL('../../server/bin/ads-server.js', import.meta.url));
}

export function serverBin(fromUrl: string): string {
  const packageJson = createRequire(fromUrl).resolve('@ads/server/package.json');
  return path.join(path.dirname(packageJson), 'bin/ads-server.js');
}

/**
 * ads-server as its own process on a fresh SQLite store, with the kie and fal emulators wired in,
 * quick sandbox jobs and fast polling: what the client packages test against.
 */
export async function startGatewayProcess(options: {
  bin: string;
  environment?: Record<string, string>;
}): Promise<RunningGateway> {
  const emulators = await startEmulators();
  const dataDirectory = await mkdtemp(path.join(tmpdir(), 'ads-gateway-'));
  const port = await freePort();
  try {
    const gatewayProcess = await spawnGateway(options.bin, {
      ...emulators.environment,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADS_DATA_DIR: dataDirectory,
      DATABASE_URL: '',
      ADS_ADMIN_TOKEN: testAdminToken,
      ADS_SANDBOX_RUN_SECONDS: '1',
      ADS_RUNNER_IDLE_MS: '50',
      ADS_POLL_SCALE: '0.02',
      ADS_STARTER_CREDITS: '1000',
      ...options.environment,
    });
    if (!gatewayProcess.firstKey) throw new Error('ads-server printed no first API key');
    return {
      url: gatewayProcess.url,
      apiKey: gatewayProcess.firstKey,
      firstUser: gatewayProcess.firstUser,
      adminToken: testAdminToken,
      process: gatewayProcess,
      emulators,
      dataDirectory,
      async stop() {
        await gatewayProcess.kill('SIGTERM');
        await emulators.close();
        await rm(dataDirectory, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await emulators.close();
    await rm(dataDirectory, { recursive: true, force: true });
    throw error;
  }
}
