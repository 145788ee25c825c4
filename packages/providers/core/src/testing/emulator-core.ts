import { randomUUID } from 'node:crypto';
import { EmulatedFiles } from './emulated-files.js';

/** Where a held job waits: in the queue, or running (after its queue share of the run time). */
export type JobHold = 'queued' | 'running';

/** How an emulated job ends. */
export type EmulatedOutcome = { kind: 'success' } | { kind: 'failure'; code: number; message: string };

export interface EmulatedJob {
  id: string;
  model: string;
  input: Record<string, unknown>;
  webhookUrl?: string;
  createdAt: number;
  runMs: number;
  outcome: EmulatedOutcome;
  canceled: boolean;
  webhooksSent: number;
  /**
   * A held job never ends by itself: it stays where it is held (`queued`, or `running` once its
   * queue share of the run time has passed) until the test calls `release`. So a test decides when
   * a job ends instead of racing its run time on a loaded machine.
   */
  held: false | JobHold;
  /** When a held job was released: it ends then. */
  releasedAt?: number;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
  /** Sent as `Retry-After` (seconds) on the 429 of a refused request. */
  retryAfterSeconds?: number;
}

export interface EmulatorFaults {
  /** Share of status reads answered with a server error (0-1). */
  statusErrorRate?: number;
  /** Share of status reads held back for `slowMs` (past a client's timeout) before answering. */
  slowStatusRate?: number;
  slowMs?: number;
  /** Share of submits refused with a server error. */
  submitErrorRate?: number;
}

export interface EmulatorOptions {
  /** The key clients must send; any key when absent. */
  apiKey?: string;
  now?: () => number;
  /** A seeded random source makes fault patterns repeatable. */
  random?: () => number;
  /** How long a job runs, in milliseconds (default 1500). */
  jobMs?: number | ((job: { model: string; input: Record<string, unknown> }) => number);
  /** How a job ends; by default a prompt containing "[fail]" fails for content policy. */
  outcome?: (job: { model: string; input: Record<string, unknown> }) => EmulatedOutcome;
  faults?: EmulatorFaults;
  submitLimit?: RateLimit;
  statusLimit?: RateLimit;
  /** How many times each webhook is delivered (3 to exercise duplicates). */
  webhookDeliveries?: number;
  /** Added to every answer, in milliseconds. */
  latencyMs?: number;
  /**
   * Holds new jobs until `release` ends them: `true` (or `'running'`) holds them running, `'queued'`
   * in the queue; a function picks per job (`false` lets a job run its time).
   */
  hold?: boolean | JobHold | ((job: { model: string; input: Record<string, unknown> }) => boolean | JobHold);
  /** The size of every generated video in bytes (by default the tiny video, a few kilobytes). */
  videoBytes?: number;
}

export interface EmulatorStats {
  submits: number;
  statusReads: number;
  resultReads: number;
  webhooksSent: number;
  webhookFailures: number;
  faultsInjected: number;
  rateLimited: number;
  /** Status reads that began while another read of the same job was still being answered. */
  overlappingStatusReads: number;
}

/** A sliding-window rate limit, as kie documents its own. */
export class SlidingWindowLimit {
  private readonly taken: number[] = [];

  constructor(
    private readonly limit: RateLimit,
    private readonly now: () => number,
  ) {}

  take(): boolean {
    const now = this.now();
    while (this.taken.length > 0 && (this.taken[0] ?? 0) <= now - this.limit.windowMs) this.taken.shift();
    if (this.taken.length >= this.limit.limit) return false;
    this.taken.push(now);
    return true;
  }
}

const holdOf = (hold: boolean | JobHold | undefined): false | JobHold =>
  hold === true ? 'running' : hold === false || hold === undefined ? false : hold;

const defaultOutcome = ({ input }: { input: Record<string, unknown> }): EmulatedOutcome =>
  JSON.stringify(input).includes('[fail]')
    ? { kind: 'failure', code: 422, message: 'Your prompt was flagged as violating content policies.' }
    : { kind: 'success' };

/**
 * What every upstream emulator shares: jobs that run for a while and end as configured, injected
 * faults, rate limits, counters, and webhooks delivered on completion (optionally several times).
 */
/** A file a gateway uploaded to the emulated provider's storage. */
export interface EmulatedUpload {
  name: string;
  contentType: string;
  bytes: Buffer;
  /** The URL the emulator answered for it. */
  url: string;
}

export class EmulatorCore {
  readonly jobs = new Map<string, EmulatedJob>();
  /** Files uploaded through the emulated upload API, in order. */
  readonly uploads: EmulatedUpload[] = [];
  readonly stats: EmulatorStats = {
    submits: 0,
    statusReads: 0,
    resultReads: 0,
    webhooksSent: 0,
    webhookFailures: 0,
    faultsInjected: 0,
    rateLimited: 0,
    overlappingStatusReads: 0,
  };
  private readonly readsInFlight = new Map<string, number>();
  readonly now: () => number;
  private readonly random: () => number;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly watchers = new Set<() => void>();
  private readonly submitLimit?: SlidingWindowLimit;
  private readonly statusLimit?: SlidingWindowLimit;
  /** The videos the upstream's CDN serves: each job's own, droppable and holdable by a test. */
  readonly files: EmulatedFiles;
  /** Set by each emulator: sends one job's webhook in its own wire format. */
  deliver: (job: EmulatedJob) => Promise<void> = async () => {};

  constructor(readonly options: EmulatorOptions = {}) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.files = new EmulatedFiles(
      options.videoBytes === undefined ? {} : { videoBytes: options.videoBytes },
      () => this.notify(),
    );
    if (options.submitLimit) this.submitLimit = new SlidingWindowLimit(options.submitLimit, this.now);
    if (options.statusLimit) this.statusLimit = new SlidingWindowLimit(options.statusLimit, this.now);
  }

  createJob(model: string, input: Record<string, unknown>, webhookUrl?: string): EmulatedJob {
    const subject = { model, input };
    const jobMs = this.options.jobMs ?? 1500;
    const hold = this.options.hold;
    const job: EmulatedJob = {
      id: randomUUID(),
      model,
      input,
      ...(webhookUrl ? { webhookUrl } : {}),
      createdAt: this.now(),
      runMs: typeof jobMs === 'function' ? jobMs(subject) : jobMs,
      outcome: (this.options.outcome ?? defaultOutcome)(subject),
      canceled: false,
      webhooksSent: 0,
      held: holdOf(typeof hold === 'function' ? hold(subject) : hold),
    };
    this.jobs.set(job.id, job);
    if (webhookUrl && !job.held) this.schedule(job);
    this.notify();
    return job;
  }

  /** When the job ends (Infinity while it is held). */
  finishesAt(job: EmulatedJob): number {
    if (job.held) return Number.POSITIVE_INFINITY;
    return job.releasedAt ?? job.createdAt + job.runMs;
  }

  phase(job: EmulatedJob): 'queued' | 'running' | 'done' | 'canceled' {
    if (job.canceled) return 'canceled';
    const now = this.now();
    if (now >= this.finishesAt(job)) return 'done';
    if (job.held === 'queued') return 'queued';
    return now - job.createdAt < job.runMs * 0.2 ? 'queued' : 'running';
  }

  progress(job: EmulatedJob): number {
    if (this.phase(job) === 'done') return 100;
    // A held job past its run time is "almost done" until released.
    const share = (this.now() - job.createdAt) / Math.max(1, job.runMs);
    return Math.min(99, Math.floor(share * 100));
  }

  /** Ends held jobs (all of them, or those `which` picks) now and sends their webhooks; returns how many. */
  release(which: (job: EmulatedJob) => boolean = () => true): number {
    const now = this.now();
    let released = 0;
    for (const job of this.jobs.values()) {
      if (!job.held || !which(job)) continue;
      job.held = false;
      job.releasedAt = now;
      released += 1;
      if (job.webhookUrl) this.schedule(job);
    }
    this.notify();
    return released;
  }

  /**
   * Releases the held jobs `size` at a time, each wave once every webhook of the one before was
   * delivered (for emulators that send webhooks): jobs end in bursts a receiver can answer, as real
   * jobs end spread out, instead of all in one instant. Returns how many it released.
   */
  async releaseInWaves(size: number, timeoutMs = 60_000): Promise<number> {
    const deliveries = this.options.webhookDeliveries ?? 1;
    let released = 0;
    for (;;) {
      const attemptsBefore = this.stats.webhooksSent + this.stats.webhookFailures;
      let left = size;
      const wave = this.release((job) => job.webhookUrl !== undefined && left-- > 0);
      if (wave === 0) return released;
      released += wave;
      const due = attemptsBefore + wave * deliveries;
      await this.until((core) => core.stats.webhooksSent + core.stats.webhookFailures >= due, timeoutMs);
    }
  }

  /**
   * Resolves once `condition` holds, checked now and after every job created or released, every
   * status read begun or answered and every webhook delivered: a test waits on what the emulator
   * saw, never on a guess of time.
   */
  until(condition: (core: EmulatorCore) => boolean, timeoutMs = 60_000): Promise<void> {
    if (condition(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!condition(this)) return;
        clearTimeout(timer);
        this.watchers.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.watchers.delete(check);
        reject(new Error(`emulator: the awaited condition did not hold within ${timeoutMs} ms`));
      }, timeoutMs);
      timer.unref?.();
      this.watchers.add(check);
    });
  }

  /** Tells the waiters of `until` that something happened. */
  notify(): void {
    for (const watcher of [...this.watchers]) watcher();
  }

  /** Counts a status read of one job until the returned release is called, noting overlaps. */
  beginStatusRead(jobId: string | null | undefined): () => void {
    if (!jobId) return () => {};
    const reading = (this.readsInFlight.get(jobId) ?? 0) + 1;
    if (reading > 1) this.stats.overlappingStatusReads += 1;
    this.readsInFlight.set(jobId, reading);
    this.notify();
    return () => {
      const left = (this.readsInFlight.get(jobId) ?? 1) - 1;
      if (left > 0) this.readsInFlight.set(jobId, left);
      else this.readsInFlight.delete(jobId);
      this.notify();
    };
  }

  /** Decides, by the configured rate, whether to inject a fault now. */
  inject(rate: number | undefined): boolean {
    const hit = rate !== undefined && rate > 0 && this.random() < rate;
    if (hit) this.stats.faultsInjected += 1;
    return hit;
  }

  takeSubmit(): boolean {
    const allowed = this.submitLimit?.take() ?? true;
    if (!allowed) this.stats.rateLimited += 1;
    return allowed;
  }

  /** The headers of a 429 from one of the limits: `Retry-After` when the limit names one. */
  throttledHeaders(limit: 'submit' | 'status'): Record<string, string> {
    const seconds = (limit === 'submit' ? this.options.submitLimit : this.options.statusLimit)
      ?.retryAfterSeconds;
    return seconds === undefined ? {} : { 'retry-after': String(seconds) };
  }

  takeStatus(): boolean {
    const allowed = this.statusLimit?.take() ?? true;
    if (!allowed) this.stats.rateLimited += 1;
    return allowed;
  }

  /** Waits out the configured latency, and a slow-read fault when one is drawn. */
  async delay(slowRead = false): Promise<void> {
    const slow =
      slowRead && this.inject(this.options.faults?.slowStatusRate)
        ? (this.options.faults?.slowMs ?? 35_000)
        : 0;
    const total = (this.options.latencyMs ?? 0) + slow;
    if (total > 0) await new Promise<void>((resolve) => this.after(total, resolve));
  }

  authorized(header: string | undefined, scheme: 'Bearer' | 'Key'): boolean {
    if (!header?.startsWith(`${scheme} `)) return false;
    return this.options.apiKey === undefined || header.slice(scheme.length + 1) === this.options.apiKey;
  }

  /** Delivers the webhooks of every finished job that has not had them yet (for tests on an injected clock). */
  async flushWebhooks(): Promise<void> {
    const due = [...this.jobs.values()].filter(
      (job) => job.webhookUrl && job.webhooksSent === 0 && this.phase(job) === 'done',
    );
    await Promise.all(due.map((job) => this.deliverAll(job)));
  }

  private schedule(job: EmulatedJob): void {
    const delay = Math.max(0, this.finishesAt(job) - this.now());
    this.after(delay + 5, () => void this.deliverAll(job));
  }

  private async deliverAll(job: EmulatedJob): Promise<void> {
    if (job.webhooksSent > 0 || job.canceled) return;
    const deliveries = this.options.webhookDeliveries ?? 1;
    for (let attempt = 0; attempt < deliveries; attempt += 1) {
      job.webhooksSent += 1;
      try {
        await this.deliver(job);
        this.stats.webhooksSent += 1;
      } catch {
        this.stats.webhookFailures += 1;
      }
      this.notify();
    }
  }

  /** Runs `task` after `milliseconds`; pending timers are cleared by close(), fired ones forgotten. */
  private after(milliseconds: number, task: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      task();
    }, milliseconds);
    this.timers.add(timer);
    timer.unref?.();
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Posts a webhook body and throws unless the receiver answers 2xx. */
export async function postWebhook(url: string, body: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`webhook receiver answered ${response.status}`);
}
