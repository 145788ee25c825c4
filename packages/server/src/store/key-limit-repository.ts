import type { SpendPeriod } from '@ads/contract';
import { sql } from 'kysely';
import { takeBucketToken } from './rate-limit-repository.js';
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
 * every instance on the store. Returns 0 when taken, else the milliseconds until a token is back.
 */
export function takeKeyRequest(
  executor: Executor,
  engine: StoreEngine,
  request: { keyId: string; count: number; windowMs: number; now: number },
): Promise<number> {
  return takeBucketToken(executor, engine, { ...request, key: `api-key:${request.keyId}` });
}
