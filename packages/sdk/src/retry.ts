/** Statuses worth another try: the gateway was busy, restarting or briefly unreachable. */
const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);

export function isRetryableStatus(status: number): boolean {
  return retryableStatuses.has(status);
}

const longestHonouredRetryAfterMs = 60_000;

/** How long the server asked us to wait, from `retry-after-ms` or `Retry-After` (seconds or a date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number(headers?.get('retry-after-ms') ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const retryAfter = headers?.get('retry-after');
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The pause before retry number `attempt + 1`: Retry-After when sane, else exponential with jitter. */
export function retryDelayMs(attempt: number, headers?: Headers, random = Math.random): number {
  const asked = retryAfterMs(headers);
  if (asked !== undefined && asked <= longestHonouredRetryAfterMs) return asked;
  return Math.min(500 * 2 ** attempt, 8000) * (0.75 + 0.25 * random());
}
