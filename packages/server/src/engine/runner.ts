import type { TaskRecord } from '../store/task-record.js';
import { nextCheckAfter } from '../store/task-repository.js';
import { claimDueTasks, releaseLease } from '../store/task-transitions.js';
import type { ChangeFeed } from './change-feed.js';
import type { EngineContext } from './engine-context.js';
import { processDueTask } from './process-due-task.js';
import { withinRateLimit } from './rate-turn.js';
import { WakeUp } from './wake-up.js';

export interface RunnerOptions {
  /** Checks running at once on this instance. */
  concurrency?: number;
  /** How often to look for due tasks when nobody wakes the runner. */
  idleMs?: number;
  /**
   * Wakes the runner when a task falls due here or on another instance. While it reaches every
   * instance (PostgreSQL LISTEN), the runner sleeps until the next scheduled check, up to 5 s.
   */
  feed?: ChangeFeed;
}

/** The longest sleep while the change feed reaches every instance: what only the clock brings (a lease run out). */
const listeningIdleMs = 5000;

/** Slots held per workspace and per provider, on this instance. */
class SlotShares {
  private readonly byWorkspace = new Map<string, number>();
  private readonly byProvider = new Map<string, number>();

  constructor(readonly cap: number) {}

  /** Takes a slot for the task unless its workspace or provider already holds its share. */
  take(task: TaskRecord): boolean {
    if ((this.byWorkspace.get(task.workspaceId) ?? 0) >= this.cap) return false;
    if ((this.byProvider.get(task.provider) ?? 0) >= this.cap) return false;
    SlotShares.add(this.byWorkspace, task.workspaceId, 1);
    SlotShares.add(this.byProvider, task.provider, 1);
    return true;
  }

  give(task: TaskRecord): void {
    SlotShares.add(this.byWorkspace, task.workspaceId, -1);
    SlotShares.add(this.byProvider, task.provider, -1);
  }

  full(): { skipWorkspaces: string[]; skipProviders: string[] } {
    const at = (counts: Map<string, number>) =>
      [...counts].filter(([, held]) => held >= this.cap).map(([id]) => id);
    return { skipWorkspaces: at(this.byWorkspace), skipProviders: at(this.byProvider) };
  }

  private static add(counts: Map<string, number>, id: string, delta: number) {
    const next = (counts.get(id) ?? 0) + delta;
    if (next > 0) counts.set(id, next);
    else counts.delete(id);
  }
}

/**
 * The durable loop: claims due tasks from the store with a lease, checks each (submit or status),
 * and leaves the next check time in the store. Nothing lives only in memory, so a restart (or
 * another instance) simply claims what is due. Status reads stay inside each provider's rate limit.
 *
 * Slots are shared: no workspace and no provider holds more than three quarters of them, so one
 * tenant's flood of slow tasks (or one slow upstream) leaves room for everyone else's at once.
 */
export class Runner {
  private readonly concurrency: number;
  private readonly idleMs: number;
  private readonly inFlight = new Set<Promise<void>>();
  /** Aborts the upstream reads and cancels in flight when the runner stops (submits finish; see submitTask). */
  private stopping = new AbortController();
  private running = false;
  private loopDone: Promise<void> | undefined;
  private readonly wakeUp = new WakeUp();
  private claims = 0;
  private readonly shares: SlotShares;
  private readonly feed: ChangeFeed | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly context: EngineContext,
    options: RunnerOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 32;
    this.idleMs = options.idleMs ?? 500;
    const reserved = Math.floor(this.concurrency / 4);
    this.shares = new SlotShares(Math.max(1, this.concurrency - reserved));
    this.feed = options.feed;
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.stopping.signal.aborted) this.stopping = new AbortController();
    this.unsubscribe = this.feed?.subscribe((message) => {
      if (message.kind === 'due') this.nudge();
    });
    this.loopDone = this.loop();
  }

  /** Look for due tasks now (a webhook pulled one forward, or a task was created). */
  nudge(): void {
    this.wakeUp.nudge();
  }

  /**
   * Claims one batch of due tasks (up to the concurrency) and checks them all: one turn of the loop,
   * awaited, for an instance whose loop is not started (benchmarks and tests). Returns how many.
   */
  async checkDueOnce(): Promise<number> {
    const claimed = await this.claim(this.concurrency);
    await Promise.all(claimed.map((task) => this.process(task)));
    return claimed.length;
  }

  /**
   * Stops claiming, aborts the status reads in flight (their tasks are given back at once) and waits
   * for the rest; every task stays in the store, resumable by the next start or another instance.
   */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.stopping.abort();
    this.nudge();
    await this.loopDone;
    await Promise.allSettled([...this.inFlight]);
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const free = this.concurrency - this.inFlight.size;
      let claimed: TaskRecord[] = [];
      if (free > 0) {
        try {
          claimed = await this.claim(free);
        } catch (error) {
          this.context.logger.error({ err: error }, 'claiming due tasks failed');
        }
      }
      let givenBack = 0;
      for (const task of claimed) {
        if (this.shares.take(task)) this.track(task);
        else givenBack += await this.giveBack(task);
      }
      // A full claim, or one that met a share's end: look again at once (past the full shares).
      if ((claimed.length === free && free > 0) || givenBack > 0) continue;
      await this.pause();
    }
  }

  private claim(limit: number): Promise<TaskRecord[]> {
    this.claims += 1;
    return claimDueTasks(this.context.store.db, this.context.store.engine, {
      leaseOwner: `${this.context.instanceId}:${this.claims}`,
      now: this.context.now(),
      leaseMs: this.context.leaseMs,
      limit,
      ...this.shares.full(),
    });
  }

  /** Gives a claimed task back, still due, for another claim (or instance) to take. 1 when given. */
  private async giveBack(task: TaskRecord): Promise<number> {
    try {
      const given = await releaseLease(
        this.context.store.db,
        task,
        task.leaseOwner ?? '',
        task.nextCheckAt ?? this.context.now(),
      );
      return given ? 1 : 0;
    } catch (error) {
      this.context.logger.error({ taskId: task.id, err: error }, 'giving a claimed task back failed');
      return 0;
    }
  }

  /** How long to sleep: until the next scheduled check, at most the idle time. */
  private async sleepMs(): Promise<number> {
    if (!this.feed?.crossInstance) return this.idleMs;
    const now = this.context.now();
    const next = await nextCheckAfter(this.context.store.db, now).catch(() => null);
    const cap = Math.max(this.idleMs, listeningIdleMs);
    return next === null ? cap : Math.min(cap, Math.max(0, next - now));
  }

  private pause(): Promise<void> {
    return this.wakeUp.sleep(() => this.sleepMs());
  }

  private track(task: TaskRecord): void {
    const work = this.process(task).finally(() => {
      this.shares.give(task);
      this.inFlight.delete(work);
      this.context.metrics.runnerInFlight.set(this.inFlight.size);
      this.nudge();
    });
    this.inFlight.add(work);
    this.context.metrics.runnerInFlight.set(this.inFlight.size);
  }

  private async process(task: TaskRecord): Promise<void> {
    const leaseOwner = task.leaseOwner ?? '';
    try {
      const readsStatus = task.operation !== null && task.upstreamVideos === null;
      if (readsStatus && !(await this.withinRateLimit(task, leaseOwner))) return;
      await processDueTask(this.context, task, leaseOwner, this.stopping.signal);
    } catch (error) {
      this.context.logger.error({ taskId: task.id, err: error }, 'task check failed');
      // Leave the lease to expire: the task is retried after it, by this or another instance.
    }
  }

  /** Takes a status-read token for the task's provider, or puts the task off to its turn. */
  private withinRateLimit(task: TaskRecord, leaseOwner: string): Promise<boolean> {
    const limit = this.context.registry.find(task.provider)?.rateLimits?.status;
    return withinRateLimit(
      this.context,
      task,
      leaseOwner,
      limit && { key: `${task.provider}:status`, limit },
    );
  }
}
