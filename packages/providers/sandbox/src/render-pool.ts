import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { RenderResult, RenderTask } from './render-worker.js';

// Under the test runner this module is the TypeScript source; the worker is always the built file.
const workerUrl = import.meta.url.endsWith('.ts')
  ? new URL('../dist/render-worker.js', import.meta.url)
  : new URL('./render-worker.js', import.meta.url);

export interface RenderPoolSettings {
  /** Renders at once (default: the machine's cores less one, at least one). */
  threads?: number;
  /** Renders waiting for a thread (default: 8 per thread); more are refused until one ends. */
  queue?: number;
}

/**
 * Sandbox renders in worker threads, so decoding and encoding never hold the event loop: a pool sized
 * to the machine with a bounded queue.
 */
export class RenderPool {
  private pool: Piscina | undefined;
  readonly threads: number;
  readonly queue: number;

  constructor(settings: RenderPoolSettings = {}) {
    this.threads = settings.threads ?? Math.max(1, availableParallelism() - 1);
    this.queue = settings.queue ?? this.threads * 8;
  }

  private runningCount = 0;

  /** Whether another render would be taken now (running and waiting ones are fewer than threads + queue). */
  get hasRoom(): boolean {
    return this.runningCount < this.threads + this.queue;
  }

  async run(task: RenderTask): Promise<RenderResult> {
    this.pool ??= new Piscina({
      filename: workerUrl.href,
      maxThreads: this.threads,
      minThreads: 0,
      idleTimeout: 30_000,
      maxQueue: this.queue,
    });
    this.runningCount += 1;
    try {
      const transfer = task.image ? [task.image.buffer as ArrayBuffer] : [];
      return await this.pool.run(task, { transferList: transfer });
    } finally {
      this.runningCount -= 1;
    }
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
