import { randomUUID } from 'node:crypto';
import {
  type CancelOutcome,
  type InputFile,
  type JobStatus,
  type JsonValue,
  type OptionIssue,
  OutboundFetcher,
  type ProviderSettings,
  type StartResult,
  type VideoJobRequest,
  type VideoProvider,
} from '@ads/provider';
import { fetchImage, storedUrlPrefix, UnreadableImageError } from './read-image.js';
import { renderLimitIssues, specOf } from './render-limits.js';
import { RenderPool } from './render-pool.js';
import { sandboxCatalog, sandboxDefaults } from './sandbox-catalog.js';
import { seedFor } from './video-spec.js';

/** Where the sandbox writes its clips: the gateway's own video storage (any object with these). */
export interface SandboxOutput {
  put(key: string, body: Uint8Array, options: { contentType: string }): Promise<unknown>;
  head(key: string): Promise<{ bytes: number } | undefined>;
  /** Reads an uploaded input file (when the storage can). */
  read?(key: string): Promise<AsyncIterable<Uint8Array>>;
}

export interface SandboxSettings extends Pick<ProviderSettings, 'now'> {
  /** Where rendered videos are written: the gateway's storage, so they are served like any other. */
  output: SandboxOutput;
  /** How long a job takes when the request does not say (`run_seconds`); default 3 s. */
  runSeconds?: number;
  /** Fetches the image inputs; by default one that reaches public addresses only. */
  fetcher?: OutboundFetcher;
  /** The worker threads that render; by default one sized to the machine. */
  renders?: RenderPool;
  /** Told of an image URL skipped under `ignore_unreadable_images` (refused or failed). */
  onImageSkipped?: (url: string, error: unknown) => void;
}

/** Everything a sandbox job needs, kept in the operation so a restarted gateway renders the same video. */
interface SandboxOperation {
  jobId: string;
  startedAt: number;
  runMs: number;
  input: Record<string, unknown>;
}

const asNumber = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);
const asString = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);

export class SandboxProvider implements VideoProvider {
  readonly id = 'sandbox';
  readonly catalog = sandboxCatalog;
  readonly defaults = sandboxDefaults;
  /** Renders under way, by job; each runs in the background and a status read only looks. */
  private readonly rendering = new Map<string, Promise<void>>();
  /** The last render of a job that failed, reported by the next status read (which retries it). */
  private readonly failures = new Map<string, unknown>();
  private readonly fetcher: OutboundFetcher;
  private readonly renders: RenderPool;
  /** What this provider made itself, and so closes (a given fetcher or pool belongs to the caller). */
  private readonly owned: Array<{ close(): Promise<void> }> = [];

  constructor(private readonly settings: SandboxSettings) {
    this.fetcher = settings.fetcher ?? this.own(new OutboundFetcher());
    this.renders = settings.renders ?? this.own(new RenderPool());
  }

  private own<T extends { close(): Promise<void> }>(resource: T): T {
    this.owned.push(resource);
    return resource;
  }

  private now(): number {
    return this.settings.now?.() ?? Date.now();
  }

  /** Always available: no key, no network. */
  isConfigured(): boolean {
    return true;
  }

  async start(request: VideoJobRequest): Promise<StartResult> {
    const jobId = randomUUID();
    const runSeconds = asNumber(request.input.run_seconds, this.settings.runSeconds ?? 3);
    const operation: SandboxOperation = {
      jobId,
      startedAt: this.now(),
      runMs: runSeconds * 1000,
      input: request.input,
    };
    // The render starts now, in the background, so the clip is usually ready when the run time ends.
    if (request.input.fail !== true) this.beginRender(operation);
    return { upstreamId: jobId, operation: operation as unknown as JsonValue };
  }

  /**
   * The sandbox is offline: an uploaded file is read from the gateway's storage where it is, so no
   * public URL is needed (the sandbox's "upload API" is the storage itself).
   */
  async deliverFile(file: InputFile): Promise<string> {
    if (!this.settings.output.read) {
      if (file.publicUrl) return file.publicUrl;
      throw new Error('the sandbox cannot read uploaded files from this storage');
    }
    return `${storedUrlPrefix}${file.storageKey}`;
  }

  /** A clip larger than one render may be is refused at create time. */
  inputIssues(_entry: unknown, input: Record<string, unknown>): readonly OptionIssue[] {
    return renderLimitIssues(input);
  }

  async status(value: JsonValue): Promise<JobStatus> {
    const operation = value as unknown as SandboxOperation;
    const elapsed = this.now() - operation.startedAt;
    if (elapsed < operation.runMs)
      return { state: 'pending', progress: Math.floor((elapsed / operation.runMs) * 100) };
    if (operation.input.fail === true) {
      return {
        state: 'failed',
        code: 'sandbox_failure',
        message: asString(
          operation.input.fail_message,
          'The sandbox job failed because the request asked it to (options.fail).',
        ),
        retryable: false,
      };
    }
    if (!(await this.rendered(operation))) {
      const failure = this.failures.get(operation.jobId);
      this.failures.delete(operation.jobId);
      if (failure instanceof UnreadableImageError) {
        return { state: 'failed', code: 'image_unreadable', message: failure.message, retryable: false };
      }
      if (failure !== undefined) throw failure;
      this.beginRender(operation);
      return { state: 'pending', progress: 99 };
    }
    const key = this.keyOf(operation);
    // Already in the gateway's storage: the gateway records it where it is instead of copying it.
    return {
      state: 'success',
      videos: [{ url: `storage:${key}`, storageKey: key, contentType: 'video/mp4' }],
    };
  }

  private keyOf(operation: SandboxOperation): string {
    return `sandbox/${operation.jobId}.mp4`;
  }

  private async rendered(operation: SandboxOperation): Promise<boolean> {
    return (await this.settings.output.head(this.keyOf(operation))) !== undefined;
  }

  /**
   * Starts the job's render unless it is under way or the pool is full (a later status read starts
   * it then). Never awaited: no runner slot waits on a render or a slow image URL.
   */
  private beginRender(operation: SandboxOperation): void {
    if (this.rendering.has(operation.jobId) || !this.renders.hasRoom) return;
    const work = this.render(operation)
      .catch((error: unknown) => {
        this.failures.set(operation.jobId, error);
      })
      .finally(() => this.rendering.delete(operation.jobId));
    this.rendering.set(operation.jobId, work);
  }

  private async render(operation: SandboxOperation): Promise<void> {
    if (await this.rendered(operation)) return;
    const { input } = operation;
    const imageUrls = Array.isArray(input.image_urls)
      ? input.image_urls.filter((url): url is string => typeof url === 'string')
      : [];
    const videoUrl = typeof input.video_url === 'string' ? input.video_url : undefined;
    const seed = seedFor(
      typeof input.seed === 'number' ? input.seed : undefined,
      asString(input.prompt, ''),
      videoUrl,
    );
    const ignoreUnreadable = input.ignore_unreadable_images === true;
    const image =
      imageUrls.length > 0
        ? await fetchImage(this.fetcher, imageUrls, {
            ignoreUnreadable,
            ...(this.settings.onImageSkipped ? { onSkipped: this.settings.onImageSkipped } : {}),
            ...(this.settings.output.read
              ? { readStored: this.settings.output.read.bind(this.settings.output) }
              : {}),
          })
        : undefined;
    const result = await this.renders.run({
      spec: specOf(input, seed),
      ...(image ? { image } : {}),
      ignoreUnreadableImage: ignoreUnreadable,
    });
    if ('unreadableImage' in result) {
      throw new UnreadableImageError(
        `The sandbox could not read image 1 (${(imageUrls[0] ?? '').slice(0, 200)}): ${result.unreadableImage}. Give a PNG or JPEG within 25 megapixels, or set options.ignore_unreadable_images to true to render without it.`,
      );
    }
    // Storage writes are all or nothing: a status read sees the clip whole or not at all.
    await this.settings.output.put(this.keyOf(operation), result.bytes, { contentType: 'video/mp4' });
  }

  /** Stops the render threads and the image fetcher's connections it made itself. */
  async close(): Promise<void> {
    // A render cut short writes nothing; the job's next status read (after a restart) renders it again.
    await Promise.all(this.owned.map((resource) => resource.close()));
  }

  /** A sandbox job can always be stopped: nothing is billed. */
  async cancel(): Promise<CancelOutcome> {
    return 'canceled';
  }
}

export function createSandbox(settings: SandboxSettings): SandboxProvider {
  return new SandboxProvider(settings);
}
