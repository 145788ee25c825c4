import type { JobStatus } from '@ads/provider';
import { urlList } from './kie-record.js';

/**
 * Veo 3.1's 1080p and 4K versions of a finished video (docs.kie.ai veo3-api). Each is one call that
 * both asks for the version and, called again, tells where it stands: the 1080p call answers 400
 * ("1080P is processing") until the video is ready, then 200 with `data.resultUrl`; the 4K call 422
 * "4k is processing…" until 422 or 200 with `data.resultUrls`. A follow-up has no taskId of its own:
 * the gateway names it `<source taskId>:1080p:<index>` (or `:4k:`).
 */
export type KieFollowUpApi = 'veo-1080p' | 'veo-4k';

export type FollowUpSource = { taskId: string; index: number };

interface KieFollowUp {
  suffix: string;
  request(
    source: FollowUpSource,
    callBackUrl?: string,
  ): { method: 'GET' | 'POST'; path: string; body?: unknown };
  /** What an answer says, or undefined when it is an error of the call itself. */
  read(code: number, message: string, data: unknown): JobStatus | undefined;
}

const processing = /processing|generating/i;
const videos = (urls: string[]): JobStatus => ({ state: 'success', videos: urls.map((url) => ({ url })) });

export const kieFollowUps: Record<KieFollowUpApi, KieFollowUp> = {
  'veo-1080p': {
    suffix: '1080p',
    request: (source) => ({
      method: 'GET',
      path: `/api/v1/veo/get-1080p-video?taskId=${encodeURIComponent(source.taskId)}&index=${source.index}`,
    }),
    read(code, message, data) {
      const url = (data as { resultUrl?: unknown } | null | undefined)?.resultUrl;
      if (code === 200 && typeof url === 'string' && url) return videos([url]);
      if (code === 200 || code === 400 || (code === 422 && processing.test(message)))
        return { state: 'pending' };
      return undefined;
    },
  },
  'veo-4k': {
    suffix: '4k',
    request: (source, callBackUrl) => ({
      method: 'POST',
      path: '/api/v1/veo/get-4k-video',
      body: { taskId: source.taskId, index: source.index, ...(callBackUrl ? { callBackUrl } : {}) },
    }),
    read(code, message, data) {
      const found = data as { resultUrls?: unknown; result_urls?: unknown } | null | undefined;
      const urls = urlList(found?.resultUrls ?? found?.result_urls);
      if ((code === 200 || code === 422) && urls.length > 0) return videos(urls);
      if (code === 200 || (code === 422 && processing.test(message))) return { state: 'pending' };
      // kie's 4K failure: "The 4K version of this video is unavailable…".
      if (/unavailable/i.test(message)) {
        return { state: 'failed', code: 'upstream_failed', message: `kie: ${message}`, retryable: false };
      }
      return undefined;
    },
  },
};

export const isFollowUpApi = (api: string): api is KieFollowUpApi => api in kieFollowUps;

/** The gateway's name for a follow-up, and back. */
export function followUpId(api: KieFollowUpApi, source: FollowUpSource): string {
  return `${source.taskId}:${kieFollowUps[api].suffix}:${source.index}`;
}

export function followUpSource(upstreamId: string): FollowUpSource {
  const match = /^(.*):(?:1080p|4k):(\d+)$/.exec(upstreamId);
  return match ? { taskId: match[1] ?? '', index: Number(match[2]) } : { taskId: upstreamId, index: 0 };
}
