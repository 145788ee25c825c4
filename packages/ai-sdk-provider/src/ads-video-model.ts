import type { AdsClient, RestTaskResult } from '@ads/sdk';
import type {
  Experimental_VideoModelV4OperationWebhook as OperationWebhook,
  SharedV4Warning,
  Experimental_VideoModelV4OperationStartResult as StartResult,
  Experimental_VideoModelV4OperationStatusResult as StatusResult,
  Experimental_VideoModelV4 as VideoModelV4,
} from '@ai-sdk/provider';
import { APICallError } from '@ai-sdk/provider';
import { toApiCallError } from './api-call-error.js';
import { requestBody } from './request-body.js';

type StartOptions = Parameters<NonNullable<VideoModelV4['doStart']>>[0];
type StatusOptions = Parameters<NonNullable<VideoModelV4['doStatus']>>[0];

/** What `doStart` hands the AI SDK to keep: the gateway's task. */
interface AdsOperation {
  taskId: string;
}

export interface AdsVideoModelConfig {
  client: AdsClient;
  baseURL: string;
  /**
   * `url`: the AI SDK downloads the gateway's signed link itself; `bytes`: the provider downloads it
   * and hands over the bytes (the AI SDK refuses links to IP addresses, such as a local gateway's).
   */
  videos: 'url' | 'bytes';
  fetch: typeof fetch;
  now?: () => Date;
}

const headerValue = (headers: Record<string, string | undefined> | undefined, name: string) =>
  Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * One gateway model as the AI SDK's video model: `doStart` creates the task (POST
 * /v1/videos/generations, under the AI SDK's idempotency key), `doStatus` reads it; a webhook the
 * caller provides becomes the task's signed callback. Aborting the call after the start cancels the
 * task (the gateway refunds what the provider does not bill).
 */
export class AdsVideoModel implements VideoModelV4 {
  readonly specificationVersion = 'v4';
  readonly provider = 'ads';
  readonly maxVideosPerCall = 1;

  constructor(
    readonly modelId: string,
    private readonly config: AdsVideoModelConfig,
  ) {}

  private response(headers?: Record<string, string>) {
    return { timestamp: this.config.now?.() ?? new Date(), modelId: this.modelId, headers };
  }

  /** The gateway signs and sends a callback when the task ends: the AI SDK then reads it once. */
  async handleWebhookOption(options: {
    webhook: () => PromiseLike<{ url: string; received: PromiseLike<OperationWebhook> }>;
  }) {
    const { url, received } = await options.webhook();
    return { webhookUrl: url, received };
  }

  async doStart(options: StartOptions): Promise<StartResult> {
    const warnings: SharedV4Warning[] = [];
    const { client } = this.config;
    const url = `${this.config.baseURL}/v1/videos/generations`;
    let body: Awaited<ReturnType<typeof requestBody>> | undefined;
    let task: RestTaskResult;
    try {
      body = await requestBody(client, this.modelId, options, warnings);
      const idempotencyKey = headerValue(options.headers, 'idempotency-key');
      task = await client.videos.create(body, {
        ...(idempotencyKey ? { idempotencyKey } : {}),
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
      });
    } catch (error) {
      throw toApiCallError(error, url, body);
    }
    options.abortSignal?.addEventListener('abort', () => void client.tasks.cancel(task.id).catch(() => {}), {
      once: true,
    });
    const operation: AdsOperation = { taskId: task.id };
    return {
      operation: { ...operation },
      warnings,
      providerMetadata: { ads: { taskId: task.id, credits: task.credits } },
      response: this.response(),
    };
  }

  private async video(url: string, mediaType: string, signal: AbortSignal | undefined) {
    if (this.config.videos === 'url') return { type: 'url' as const, url, mediaType };
    const response = await this.config.fetch(url, signal ? { signal } : {});
    if (!response.ok) {
      throw new APICallError({
        message: `The video could not be downloaded from the gateway (HTTP ${response.status}).`,
        url,
        requestBodyValues: undefined,
        statusCode: response.status,
        isRetryable: response.status >= 500,
      });
    }
    return { type: 'binary' as const, data: new Uint8Array(await response.arrayBuffer()), mediaType };
  }

  async doStatus(options: StatusOptions): Promise<StatusResult> {
    const { taskId } = options.operation as unknown as AdsOperation;
    let task: RestTaskResult;
    try {
      task = await this.config.client.tasks.get(taskId, undefined, {
        ...(options.abortSignal ? { signal: options.abortSignal } : {}),
      });
    } catch (error) {
      throw toApiCallError(error, `${this.config.baseURL}/v1/tasks/${taskId}`, undefined);
    }
    const metadata = { ads: { taskId, status: task.status, progress: task.progress, credits: task.credits } };
    if (task.status === 'pending' || task.status === 'running') {
      return { status: 'pending', providerMetadata: metadata, response: this.response() };
    }
    if (task.status === 'success') {
      return {
        status: 'completed',
        videos: await Promise.all(
          task.videos.map((video) => this.video(video.url, video.content_type, options.abortSignal)),
        ),
        warnings: [],
        providerMetadata: {
          ads: {
            ...metadata.ads,
            videos: task.videos.map((video) => ({
              url: video.url,
              width: video.width,
              height: video.height,
              duration: video.duration_seconds,
              bytes: video.bytes,
            })),
          },
        },
        response: this.response(),
      };
    }
    return {
      status: 'error',
      error: task.error ? `${task.error.code}: ${task.error.message}` : `The task was ${task.status}.`,
      providerMetadata: metadata,
      response: this.response(),
    };
  }
}
