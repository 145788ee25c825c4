import { createClient } from '@ads/sdk';
import { AdsVideoModel } from './ads-video-model.js';

export interface AdsProviderSettings {
  /** The gateway, e.g. `http://127.0.0.1:8787` (default: `ADS_HOST`, else that address). */
  baseURL?: string;
  /** An API key, `sk-...` (default: `ADS_API_KEY`). */
  apiKey?: string;
  /** Extra headers on every request. */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /**
   * How finished videos are handed to the AI SDK: `url` (it downloads the signed link) or `bytes`
   * (this provider downloads it). Default: `bytes` for a gateway on an IP address or `localhost`,
   * whose links the AI SDK's downloader refuses; `url` otherwise.
   */
  videos?: 'url' | 'bytes';
}

/** Whether the AI SDK's downloader would refuse the gateway's links (it takes no IP address). */
function addressedByIp(baseURL: string): boolean {
  const host = new URL(baseURL).hostname;
  return host === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(host) || host.startsWith('[');
}

export interface AdsProvider {
  /** A gateway model by its catalog id, e.g. `kie/bytedance/seedance-2-mini`. */
  (modelId: string): AdsVideoModel;
  video(modelId: string): AdsVideoModel;
  videoModel(modelId: string): AdsVideoModel;
}

const environment = (name: string) =>
  typeof process === 'undefined' ? undefined : (process.env as Record<string, string | undefined>)[name];

/** An ads gateway as an AI SDK provider of video models. */
export function createAds(settings: AdsProviderSettings = {}): AdsProvider {
  const baseURL = (settings.baseURL ?? environment('ADS_HOST') ?? 'http://127.0.0.1:8787').replace(
    /\/+$/,
    '',
  );
  const apiKey = settings.apiKey ?? environment('ADS_API_KEY');
  let client: ReturnType<typeof createClient> | undefined;
  const model = (modelId: string) => {
    client ??= createClient({
      baseUrl: baseURL,
      ...(apiKey ? { apiKey } : {}),
      ...(settings.headers ? { headers: settings.headers } : {}),
      ...(settings.fetch ? { fetch: settings.fetch } : {}),
    });
    return new AdsVideoModel(modelId, {
      client,
      baseURL,
      videos: settings.videos ?? (addressedByIp(baseURL) ? 'bytes' : 'url'),
      fetch: settings.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    });
  };
  return Object.assign(model, { video: model, videoModel: model });
}

/** The provider for the gateway that `ADS_HOST` and `ADS_API_KEY` name. */
export const ads = createAds();
