/**
 * When to look at a running task next. Pure, so the schedule can be tested and tuned by itself.
 *
 * Polling a model that reports no progress: the first look at half the model's typical run time T;
 * across the window where such jobs usually end (T/2 to 1.5 T) a look every T/10, so a job is seen
 * done at most a tenth of T after it ends; past that window every 15% of the time elapsed since
 * submit. Every gap is at least 2 s and at most 30 s, with ±10% jitter so tasks created together
 * spread out.
 * A model that reports progress (kie's Sora models do) gets its first look at T/10, and from then on
 * its end is estimated from the pace so far: the next look is when the job should be done if that is
 * within 30 s, otherwise halfway to that estimate (at least 30 s away), so a long job costs a few
 * reads and is seen done about when it ends.
 * With webhooks the upstream reports the end itself, so polling is only a safety net: once per
 * typical run time, at least a minute apart.
 */
export interface ScheduleInput {
  typicalRunSeconds: number;
  /** Time since the upstream accepted the job. */
  sinceSubmitMs: number;
  webhooks: boolean;
  /** A number in [0, 1). */
  random: number;
  /** The progress (0-100) the upstream reported at this read, if it reports any. */
  progress?: number | undefined;
  /** The catalog says the model reports progress: look early, to estimate the end from it. */
  reportsProgress?: boolean | undefined;
  /** `ADS_POLL_SCALE`: multiplies every delay (0.5 polls twice as often, 2 half as often). */
  scale?: number;
}

export const minimumPollIntervalMs = 2_000;
export const maximumPollIntervalMs = 30_000;

export function nextCheckDelayMs({
  typicalRunSeconds,
  sinceSubmitMs,
  webhooks,
  random,
  progress,
  reportsProgress,
  scale = 1,
}: ScheduleInput): number {
  const typicalMs = typicalRunSeconds * 1000 * scale;
  const jitter = 0.9 + random * 0.2;
  if (webhooks) return Math.round(Math.max(typicalMs, 60_000 * scale) * jitter);
  const minimumMs = minimumPollIntervalMs * scale;
  const maximumMs = maximumPollIntervalMs * scale;
  if (progress !== undefined && progress > 0 && progress < 100) {
    // Progress is whole percent, rounded down: the estimate errs late, so the look finds the job done.
    const remainingMs = (sinceSubmitMs * (100 - progress)) / progress;
    const delay =
      remainingMs <= maximumMs
        ? Math.max(remainingMs + 250 * scale, minimumMs)
        : Math.max(remainingMs / 2, maximumMs);
    return Math.round(delay * (1 + random * 0.05));
  }
  const firstLook = reportsProgress ? typicalMs / 10 : typicalMs / 2;
  if (sinceSubmitMs < firstLook) return Math.round(Math.max(firstLook - sinceSubmitMs, 250 * scale) * jitter);
  const interval =
    !reportsProgress && sinceSubmitMs < typicalMs * 1.5 ? typicalMs / 10 : sinceSubmitMs * 0.15;
  return Math.round(Math.min(Math.max(interval, minimumMs), maximumMs) * jitter);
}

/** Backoff after a failed read or a refused submit: 1 s, 2 s, 4 s … at most a minute, with jitter. */
export function retryDelayMs(attempt: number, random: number, retryAfterSeconds?: number, scale = 1): number {
  const backoff = Math.min(1000 * 2 ** Math.max(attempt - 1, 0), 60_000) * scale * (0.8 + random * 0.4);
  return Math.round(Math.max(backoff, (retryAfterSeconds ?? 0) * 1000));
}

/** How long the gateway waits for a job before it stops and tries to cancel: 10× typical, at least 30 min. */
export function taskDeadlineMs(typicalRunSeconds: number, minimumMs = 30 * 60_000): number {
  return Math.max(typicalRunSeconds * 10_000, minimumMs);
}
