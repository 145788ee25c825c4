import type { SpendPeriod } from '@ads/contract';
import { sql } from 'kysely';
import type { Executor } from './store.js';
import type { StoreEngine } from './store-engine.js';

/** One spend period of a key: a UTC calendar day or month. */
export interface PeriodSpan {
  /** `day:2026-12-01` or `month:2026-12`. */
  name: string;
  startsAt: number;
  endsAt: number;
}

export function spendPeriodAt(period: SpendPeriod, now: number): PeriodSpan {
  const date = new Date(now);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth();
  if (period === 'month') {
    return {
      name: `month:${date.toISOString().slice(0, 7)}`,
      startsAt: Date.UTC(year, month, 1),
      endsAt: Date.UTC(year, month + 1, 1),
    };
  }
  const day = date.getUTCDate();
  return {
    name: `day:${date.toISOString().slice(0, 10)}`,
    startsAt: Date.UTC(year, month, day),
    endsAt: Date.UTC(year, month, day + 1),
  };
}

/**
 * Adds `amount` to what the key spent in `span` if that stays within `limit`: one conditional
 * update, so concurrent creates (on any instance) can never both pass the limit. False when it would not.
 */
export async function spendFromKey(
  executor: Executor,
  spend: { keyId: string; span: PeriodSpan; amount: number; limit: number },
): Promise<boolean> {
  const { keyId, span, amount, limit } = spend;
  await executor
    .insertInto('key_spend')
    .values({ key_id: keyId, period: span.name, starts_at: span.startsAt, ends_at: span.endsAt, spent: 0 })
    .onConflict((conflict) => conflict.columns(['key_id', 'period']).doNothing())
    .execute();
  const result = await executor
    .updateTable('key_spend')
    .set((builder) => ({ spent: builder('spent', '+', amount) }))
    .where('key_id', '=', keyId)
    .where('period', '=', span.name)
    .where(sql<boolean>`spent + ${amount} <= ${limit}`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives credits back to the period a task was created in (a refund, an adjustment), for every limit that counted it. */
export async function returnKeySpend(
  executor: Executor,
  given: { keyId: string; taskCreatedAt: number; amount: number },
): Promise<void> {
  await executor
    .updateTable('key_spend')
    .set((builder) => ({ spent: builder('spent', '-', given.amount) }))
    .where('key_id', '=', given.keyId)
    .where('starts_at', '<=', given.taskCreatedAt)
    .where('ends_at', '>', given.taskCreatedAt)
    .execute();
}

export async function keySpent(executor: Executor, keyId: string, span: PeriodSpan): Promise<number> {
  const row = await executor
    .selectFrom('key_spend')
    .select('spent')
    .where('key_id', '=', keyId)
    .where('period', '=', span.name)
    .executeTakeFirst();
  return Number(row?.spent ?? 0);
}

/**
 * Counts again, from the ledger, what the key's tasks created in `span` spent, and writes it down:
 * a limit set (or changed) mid-period starts from what the key really spent.
 */
export async function recountKeySpend(executor: Executor, keyId: string, span: PeriodSpan): Promise<number> {
  const row = await executor
    .selectFrom('ledger')
    .innerJoin('tasks', 'tasks.id', 'ledger.task_id')
    .select((builder) =>
      builder.fn.coalesce(builder.fn.sum<number>('ledger.amount'), builder.lit(0)).as('total'),
    )
    .where('tasks.api_key_id', '=', keyId)
    .where('tasks.created_at', '>=', span.startsAt)
    .where('tasks.created_at', '<', span.endsAt)
    .executeTakeFirstOrThrow();
  const spent = -Number(row.total);
  await executor
    .insertInto('key_spend')
    .values({ key_id: keyId, period: span.name, starts_at: span.startsAt, ends_at: span.endsAt, spent })
    .onConflict((conflict) => conflict.columns(['key_id', 'period']).doUpdateSet({ spent }))
    .execute();
  return spent;
}

/**
 * One request from a key's token bucket (`count` per `windowMs`, bursts up to `count`), shared by
 * every instance on the store: the refill and the take are one statement, and a refused request
 * takes nothing. Returns 0 when taken, else the milliseconds until a token is back.
 */
export async function takeKeyRequest(
  executor: Executor,
  engine: StoreEngine,
  request: { keyId: string; count: number; windowMs: number; now: number },
): Promise<number> {
  const { count, windowMs, now } = request;
  const key = `api-key:${request.keyId}`;
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
