import { sql } from 'kysely';
import type { Executor } from './store.js';
import type { StoreEngine } from './store-engine.js';

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

/**
 * One take from a named bucket (`count` per `windowMs`, bursts up to `count`) on either engine,
 * shared by every instance on the store: the refill and the take are one statement, and a refused
 * take takes nothing. Returns 0 when taken, else the milliseconds until a token is back.
 */
export async function takeBucketToken(
  executor: Executor,
  engine: StoreEngine,
  request: { key: string; count: number; windowMs: number; now: number },
): Promise<number> {
  const { key, count, windowMs, now } = request;
  const perMs = count / windowMs;
  const least = sql.raw(engine === 'postgres' ? 'least' : 'min');
  const greatest = sql.raw(engine === 'postgres' ? 'greatest' : 'max');
  const refilled = sql`${least}(
    cast(${count} as double precision),
    rate_limits.tokens
      + cast(${greatest}(0, cast(${now} as bigint) - rate_limits.updated_at) as double precision)
      * cast(${perMs} as double precision))`;
  const taken = await sql<{ tokens: number }>`
    insert into rate_limits (key, tokens, updated_at)
    values (${key}, ${count - 1}, ${now})
    on conflict (key) do update set
      tokens = ${refilled} - 1,
      updated_at = ${greatest}(rate_limits.updated_at, cast(${now} as bigint))
    where ${refilled} >= 1
    returning tokens`.execute(executor);
  if (taken.rows.length > 0) return 0;
  const row = await executor
    .selectFrom('rate_limits')
    .select(['tokens', 'updated_at'])
    .where('key', '=', key)
    .executeTakeFirst();
  const tokens = Math.min(
    count,
    Number(row?.tokens ?? 0) + Math.max(0, now - Number(row?.updated_at ?? now)) * perMs,
  );
  return Math.max(1, Math.ceil((1 - tokens) / perMs));
}

/** Gives one token back to a named bucket (never past `count`): a take that turned out not to count. */
export async function returnBucketToken(executor: Executor, key: string, count: number): Promise<void> {
  await executor
    .updateTable('rate_limits')
    .set((builder) => ({ tokens: builder('tokens', '+', 1) }))
    .where('key', '=', key)
    .where('tokens', '<=', count - 1)
    .execute();
}
