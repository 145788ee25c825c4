import { isPublicAddress, OutboundFetcher } from '@ads/provider';
import { LocalStorage, S3Storage, type VideoStorage } from '@ads/storage';
import type { GatewayConfig, StorageConfig } from './config.js';

/** The storage the configuration names: a local folder, or an S3-compatible bucket. */
export function openVideoStorage(config: StorageConfig): VideoStorage {
  if (config.engine === 'local' || !config.s3) return new LocalStorage(config.dir);
  return new S3Storage({
    bucket: config.s3.bucket,
    ...(config.s3.endpoint ? { endpoint: config.s3.endpoint } : {}),
    region: config.s3.region,
    forcePathStyle: config.s3.forcePathStyle,
    ...(config.s3.credentials ? { credentials: config.s3.credentials } : {}),
  });
}

/** The literal addresses the operator pointed the providers at (an emulator or a proxy on loopback, say). */
function configuredProviderAddresses(config: GatewayConfig): Set<string> {
  const addresses = new Set<string>();
  for (const url of [config.providers.kie.baseURL, config.providers.fal.queueURL]) {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    for (const address of host === 'localhost' ? ['127.0.0.1', '::1'] : [host]) addresses.add(address);
  }
  return addresses;
}

/**
 * The fetcher of finished videos: the same guarded fetcher as for client URLs (a provider's answer
 * is not trusted to name an internal address), which also reaches the addresses the operator
 * configured the providers on. Its deadlines are the copy's own (headers, then every pause).
 */
export function videoFetcher(config: GatewayConfig): OutboundFetcher {
  if (config.allowPrivateUrls) return new OutboundFetcher({ allowPrivate: true });
  const configured = configuredProviderAddresses(config);
  return new OutboundFetcher({
    isAllowedAddress: (address) =>
      isPublicAddress(address) || configured.has(address.replace(/^::ffff:/, '')),
  });
}
