import { sql } from 'kysely';
import type { Executor } from './store.js';

const dayMs = 86_400_000;

export interface UsageRows {
  /** Day number (UTC days since the epoch) → credits spent and topped up. */
  days: Array<{ day: number; spent: number; toppedUp: number }>;
  models: Array<{ model: string; spent: number; tasks: number }>;
}

/**
 * What a workspace spent since `since`: reserves less refunds, summed per UTC day and per model
 * by the store (one grouped read each, whatever the ledger's length).
 */
export async function readUsage(executor: Executor, workspaceId: string, since: number): Promise<UsageRows> {
  // The day number as a literal: a bound parameter would differ between the select and the group by.
  const day = sql<number>`cast(ledger.created_at / ${sql.lit(dayMs)} as bigint)`;
  const spentSum = sql<number>`coalesce(sum(case when ledger.kind in ('reserve', 'refund') then -ledger.amount else 0 end), 0)`;
  const [days, models] = await Promise.all([
    executor
      .selectFrom('ledger')
      .select([
        day.as('day'),
        spentSum.as('spent'),
        sql<number>`coalesce(sum(case when ledger.kind = 'top_up' then ledger.amount else 0 end), 0)`.as(
          'topped_up',
        ),
      ])
      .where('ledger.workspace_id', '=', workspaceId)
      .where('ledger.created_at', '>=', since)
      .groupBy(day)
      .execute(),
    executor
      .selectFrom('ledger')
      .innerJoin('tasks', 'tasks.id', 'ledger.task_id')
      .select([
        'tasks.model as model',
        spentSum.as('spent'),
        sql<number>`count(distinct tasks.id)`.as('tasks'),
      ])
      .where('ledger.workspace_id', '=', workspaceId)
      .where('ledger.created_at', '>=', since)
      .where('ledger.kind', 'in', ['reserve', 'refund'])
      .groupBy('tasks.model')
      .execute(),
  ]);
  return {
    days: days.map((row) => ({
      day: Number(row.day),
      spent: Number(row.spent),
      toppedUp: Number(row.topped_up),
    })),
    models: models
      .map((row) => ({ model: row.model, spent: Number(row.spent), tasks: Number(row.tasks) }))
      .sort((left, right) => right.spent - left.spent || left.model.localeCompare(right.model)),
  };
}

export { dayMs };
