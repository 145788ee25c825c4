import { randomUUID } from 'node:crypto';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  CallOptions,
  CancelOutcome,
  JobStatus,
  JsonValue,
  ProviderSettings,
  StartResult,
  VideoJobRequest,
  VideoProvider,
} from '@ads/provider';
import { encodeMp4 } from './encode-mp4.js';
import { readFirstImage } from './read-image.js';
import { sandboxCatalog, sandboxDefaults } from './sandbox-catalog.js';
import { seedFor, videoSpec } from './video-spec.js';

export interface SandboxSettings extends Pick<ProviderSettings, 'now'> {
  /** Where rendered videos are written. */
  outputDir: string;
  /** The URL the videos are served under (the gateway's own, e.g. http://localhost:8787/files/sandbox). */
  publicBaseUrl: string | (() => string);
  /** How long a job takes when the request does not say (`run_seconds`); default 3 s. */
  runSeconds?: number;
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
  private readonly rendering = new Map<string, Promise<void>>();

  constructor(private readonly settings: SandboxSettings) {}

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
    return { upstreamId: jobId, operation: operation as unknown as JsonValue };
  }

  async status(value: JsonValue, options: CallOptions = {}): Promise<JobStatus> {
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
    await this.renderOnce(operation, options.signal);
    const base =
      typeof this.settings.publicBaseUrl === 'function'
        ? this.settings.publicBaseUrl()
        : this.settings.publicBaseUrl;
    return {
      state: 'success',
      videos: [{ url: `${base.replace(/\/+$/, '')}/${operation.jobId}.mp4`, contentType: 'video/mp4' }],
    };
  }

  /** Renders the job's file unless it exists; concurrent callers share one render. */
  private renderOnce(operation: SandboxOperation, signal?: AbortSignal): Promise<void> {
    const existing = this.rendering.get(operation.jobId);
    if (existing) return existing;
    const work = this.render(operation, signal).finally(() => this.rendering.delete(operation.jobId));
    this.rendering.set(operation.jobId, work);
    return work;
  }

  private async render(operation: SandboxOperation, signal?: AbortSignal): Promise<void> {
    const target = join(this.settings.outputDir, `${operation.jobId}.mp4`);
    if (
      await stat(target).then(
        () => true,
        () => false,
      )
    )
      return;
    const { input } = operation;
    const imageUrls = Array.isArray(input.image_urls)
      ? input.image_urls.filter((url): url is string => typeof url === 'string')
      : [];
    const videoUrl = typeof input.video_url === 'string' ? input.video_url : undefined;
    const spec = videoSpec({
      aspectRatio: asString(input.aspect_ratio, '16:9'),
      resolution: asString(input.resolution, '240p'),
      durationSeconds: asNumber(input.duration, 3),
      seed: seedFor(
        typeof input.seed === 'number' ? input.seed : undefined,
        asString(input.prompt, ''),
        videoUrl,
      ),
    });
    const image = imageUrls.length > 0 ? await readFirstImage(imageUrls, signal) : undefined;
    const bytes = await encodeMp4(spec, image);
    await mkdir(this.settings.outputDir, { recursive: true });
    const temporary = `${target}.${process.pid}.partial`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  }

  /** A sandbox job can always be stopped: nothing is billed. */
  async cancel(): Promise<CancelOutcome> {
    return 'canceled';
  }
}

export function createSandbox(settings: SandboxSettings): SandboxProvider {
  return new SandboxProvider(settings);
}
