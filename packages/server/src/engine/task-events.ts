import type { TaskStatus } from '@ads/contract';
import type { Store } from '../store/store.js';
import { endedTaskIds, taskStates } from '../store/task-repository.js';
import type { ChangeFeed } from './change-feed.js';

/** Called with the task's new status (or undefined when only "look again" is known). */
export type TaskWatcher = (status: TaskStatus | undefined) => void;

const sweepChunk = 500;
const terminal = (status: TaskStatus | undefined) =>
  status === 'success' || status === 'failed' || status === 'canceled';

/**
 * Tells whoever watches a task (a held `generate_and_wait`, an SSE stream) that it changed. A change
 * made on this instance is told at once; one made on another instance arrives through the change
 * feed (PostgreSQL LISTEN/NOTIFY). Where the feed does not reach other instances (SQLite, or while
 * the LISTEN connection is down), a sweep reads the watched tasks' states every `sweepMs`, only while
 * someone watches. Watchers re-read the task themselves: a told change is a cue, never the data.
 */
/**
 * What a wait listens to for its client leaving: the part of an AbortSignal it uses, so a held
 * request can offer something lighter (see http/client-gone.ts).
 */
export interface Abandonment {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

export class TaskEvents {
  private readonly watchers = new Map<string, Set<TaskWatcher>>();
  /** How many watchers of each task want every change (streams), not only the end (held waits). */
  private readonly followers = new Map<string, number>();
  /** What the last sweep saw of each watched task, so it tells only changes. */
  private readonly seen = new Map<string, string>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping = false;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly feed: ChangeFeed,
    private readonly sweepMs = 1000,
  ) {
    this.unsubscribe = feed.subscribe((message) => {
      if (message.kind === 'task') this.tell(message.taskId, message.status);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get watching(): number {
    let count = 0;
    for (const set of this.watchers.values()) count += set.size;
    return count;
  }

  /** A task changed on this instance: its watchers here and, through the feed, everywhere are told. */
  changed(taskId: string, status: TaskStatus): void {
    this.feed.publish({ kind: 'task', taskId, status });
  }

  /** Tells this instance's watchers of the task (the engine saw it ended while re-reading). */
  tell(taskId: string, status: TaskStatus | undefined): void {
    const set = this.watchers.get(taskId);
    if (!set) return;
    for (const watcher of [...set]) watcher(status);
  }

  /**
   * Watches a task until the returned function is called: every change (`changes`, an event stream),
   * or only its end (a held wait; the sweep then reads far less).
   */
  watch(taskId: string, watcher: TaskWatcher, options: { changes?: boolean } = {}): () => void {
    if (this.closed) return () => {};
    let set = this.watchers.get(taskId);
    if (!set) {
      set = new Set();
      this.watchers.set(taskId, set);
    }
    set.add(watcher);
    const follows = options.changes === true;
    if (follows) this.followers.set(taskId, (this.followers.get(taskId) ?? 0) + 1);
    this.scheduleSweep();
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      if (follows) {
        const left = (this.followers.get(taskId) ?? 1) - 1;
        if (left > 0) this.followers.set(taskId, left);
        else this.followers.delete(taskId);
      }
      const current = this.watchers.get(taskId);
      current?.delete(watcher);
      if (current?.size === 0) {
        this.watchers.delete(taskId);
        this.seen.delete(taskId);
      }
    };
  }

  /**
   * Resolves `true` when the task ends, `false` when `timeoutMs` passes or `signal` aborts first.
   * The caller re-reads the task after registering (see Engine.waitForTask), so no end is missed.
   */
  waitForEnd(taskId: string, timeoutMs: number, signal?: Abandonment): Promise<boolean> {
    if (this.closed || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const finish = (ended: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        stop();
        resolve(ended);
      };
      const stop = this.watch(taskId, (status) => {
        if (terminal(status) || this.closed) finish(true);
      });
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
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
      // With the feed reaching every instance, nothing needs reading: the sweep only stays armed.
      if (!this.feed.crossInstance) {
        // Followed tasks: their state, told when it changed. The others: only whether they ended.
        const followed = [...this.followers.keys()];
        for (let start = 0; start < followed.length; start += sweepChunk) {
          for (const state of await taskStates(this.store.db, followed.slice(start, start + sweepChunk))) {
            const key = `${state.status}:${state.progress ?? ''}`;
            if (this.seen.get(state.id) === key) continue;
            this.seen.set(state.id, key);
            this.tell(state.id, state.status);
          }
        }
        const awaited = [...this.watchers.keys()].filter((id) => !this.followers.has(id));
        for (let start = 0; start < awaited.length; start += sweepChunk) {
          for (const id of await endedTaskIds(this.store.db, awaited.slice(start, start + sweepChunk))) {
            this.tell(id, 'success');
          }
        }
      }
    } catch {
      // The store is briefly unreachable: the next sweep tries again, and waits end by their timeout.
    } finally {
      this.sweeping = false;
      if (this.watchers.size > 0) this.scheduleSweep();
    }
  }

  /** Releases every watcher (they answer with the task as it stands) and stops sweeping. */
  close(): void {
    this.closed = true;
    this.unsubscribe();
    clearTimeout(this.sweepTimer);
    for (const id of [...this.watchers.keys()]) this.tell(id, undefined);
    this.watchers.clear();
    this.followers.clear();
  }
}
