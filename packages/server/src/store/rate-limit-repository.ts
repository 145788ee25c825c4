import { sql } from 'kysely';
import type { Executor } from './store.js';

/**
 * One take from a token bucket that every instance on this store shares: the refill, the take and
 * the write are one statement, so concurrent takes from several instances serialize on the row and
 * each sees the tokens the one before left. Returns the tokens left (negative: in debt).
 */
export async function takeSharedToken(
  executor: Executor,
  key: string,
  bucket: { capacity: number; perMs: number; now: number },
): Promise<number> {
  const { capacity, perMs, now } = bucket;
  const result = await sql<{ tokens: number }>`
    insert into rate_limits (key, tokens, updated_at)
    values (${key}, ${capacity - 1}, ${now})
    on conflict (key) do update set
      tokens = least(
        cast(${capacity} as double precision),
        rate_limits.tokens
          + cast(greatest(0, cast(${now} as bigint) - rate_limits.updated_at) as double precision)
          * cast(${perMs} as double precision)
      ) - 1,
      updated_at = greatest(rate_limits.updated_at, cast(${now} as bigint))
    returning tokens`.execute(executor);
  return Number(result.rows[0]?.tokens ?? 0);
}
