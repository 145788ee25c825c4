import { sweepExpiredVideos } from './delete-videos.js';
import type { EngineContext } from './engine-context.js';

/** Partials younger than this may belong to a copy still under way on another instance. */
const partialAgeMs = 6 * 60 * 60_000;

/**
 * The storage's upkeep, on every instance (each step is safe to run on several at once): retention
 * deletes the stored videos of tasks older than `retentionMs`, and what writes cut short by a crash
 * left behind is removed once no copy can still be writing it.
 */
export class StorageUpkeep {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly context: EngineContext,
    private readonly retentionMs: number | undefined,
    private readonly everyMs = 10 * 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    this.timer.unref();
    void this.runOnce();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One pass; resolves with how many tasks lost their videos to retention. */
  async runOnce(): Promise<number> {
    let deleted = 0;
    const pass = async () => {
      try {
        if (this.retentionMs !== undefined) {
          for (let batch = -1; batch !== 0; deleted += batch) {
            batch = await sweepExpiredVideos(this.context, this.retentionMs);
          }
        }
        await this.context.storage.sweepPartials(partialAgeMs);
      } catch (error) {
        this.context.logger.error({ err: error }, 'storage upkeep failed; it runs again later');
      }
    };
    // One pass at a time on an instance.
    await this.running;
    this.running = pass();
    await this.running;
    return deleted;
  }
}
