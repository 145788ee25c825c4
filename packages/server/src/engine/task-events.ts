import type { Store } from '../store/store.js';
import { endedTaskIds } from '../store/task-repository.js';

type Waiter = () => void;

const sweepChunk = 500;

/**
 * Wakes requests waiting for a task to end. A task settled on this instance wakes its waiters at
 * once; one settled on another instance (same store) is found by a sweep that asks the store which
 * of the awaited tasks have ended, every `sweepMs`, only while someone waits.
 */
export class TaskEvents {
  private readonly waiters = new Map<string, Set<Waiter>>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly sweepMs = 1000,
  ) {}

  get waiting(): number {
    let count = 0;
    for (const set of this.waiters.values()) count += set.size;
    return count;
  }

  emitEnded(taskId: string): void {
    const set = this.waiters.get(taskId);
    if (!set) return;
    this.waiters.delete(taskId);
    for (const waiter of set) waiter();
  }

  /**
   * Resolves `true` when the task ends, `false` when `timeoutMs` passes or `signal` aborts first.
   * The caller re-reads the task after registering (see Engine.waitForTask), so no end is missed.
   */
  waitForEnd(taskId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      let set = this.waiters.get(taskId);
      if (!set) {
        set = new Set();
        this.waiters.set(taskId, set);
      }
      const finish = (ended: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const current = this.waiters.get(taskId);
        current?.delete(waiter);
        if (current?.size === 0) this.waiters.delete(taskId);
        resolve(ended);
      };
      const waiter = () => finish(true);
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      set.add(waiter);
      this.scheduleSweep();
    });
  }

  private scheduleSweep(): void {
    if (this.sweepTimer || this.closed) return;
    this.sweepTimer = setTimeout(() => {
      this.sweepTimer = undefined;
      void this.sweep();
    }, this.sweepMs);
    this.sweepTimer.unref();
  }

  private async sweep(): Promise<void> {
    if (this.sweeping || this.closed) return;
    this.sweeping = true;
    try {
      const ids = [...this.waiters.keys()];
      for (let start = 0; start < ids.length; start += sweepChunk) {
        for (const id of await endedTaskIds(this.store.db, ids.slice(start, start + sweepChunk))) {
          this.emitEnded(id);
        }
      }
    } catch {
      // The store is briefly unreachable: the next sweep tries again, and waits end by their timeout.
    } finally {
      this.sweeping = false;
      if (this.waiters.size > 0) this.scheduleSweep();
    }
  }

  /** Releases every waiter (they answer with the task as it stands) and stops sweeping. */
  close(): void {
    this.closed = true;
    clearTimeout(this.sweepTimer);
    for (const id of [...this.waiters.keys()]) this.emitEnded(id);
  }
}
