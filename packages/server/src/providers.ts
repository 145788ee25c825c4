import type { OutboundFetcher } from '@ads/provider';
import { createFal } from '@ads/provider-fal';
import { createKie } from '@ads/provider-kie';
import { createSandbox } from '@ads/provider-sandbox';
import type { VideoStorage } from '@ads/storage';
import type { Logger } from 'pino';
import type { GatewayConfig } from './config.js';
import type { RegisteredProvider } from './engine/provider-registry.js';

export interface ProviderEnvironment {
  config: GatewayConfig;
  /** The gateway's video storage: the sandbox writes its clips there. */
  storage: VideoStorage;
  /** The gateway's one fetcher of client-given URLs (by default a new one: public addresses only). */
  fetcher?: OutboundFetcher;
  logger?: Logger;
}

/**
 * The provider registry: one line per provider, in order of preference for default models
 * (seed 000: kie first). With no keys set, only the sandbox is configured and serves every scene.
 */
export function registerProviders({
  config,
  storage,
  fetcher,
  logger,
}: ProviderEnvironment): RegisteredProvider[] {
  return [
    { provider: createKie(config.providers.kie), configureWith: 'KIE_API_KEY' },
    { provider: createFal(config.providers.fal), configureWith: 'FAL_KEY' },
    {
      provider: createSandbox({
        output: storage,
        ...(fetcher ? { fetcher } : {}),
        onImageSkipped: (url, error) =>
          logger?.warn(
            { url: url.slice(0, 200), reason: error instanceof Error ? error.message : String(error) },
            'sandbox image skipped (options.ignore_unreadable_images); the clip is rendered without it',
          ),
        ...(config.sandboxRunSeconds === undefined ? {} : { runSeconds: config.sandboxRunSeconds }),
      }),
      configureWith: 'nothing (always on)',
    },
  ];
}
