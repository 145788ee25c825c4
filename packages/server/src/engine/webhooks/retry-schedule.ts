/**
 * The pause after each failed attempt, as the Standard Webhooks guidance (and Svix) schedules them:
 * 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h — eight attempts over about 27.5 hours. Scaled by
 * `ADS_POLL_SCALE` like every other retry.
 */
const pausesMs = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

/** The pause before the next attempt after `attempts` failed ones, or undefined once they are spent. */
export function nextAttemptDelayMs(attempts: number, scale = 1): number | undefined {
  const pause = pausesMs[attempts - 1];
  return pause === undefined ? undefined : Math.max(1, Math.round(pause * scale));
}

export const maxAttempts = pausesMs.length + 1;
