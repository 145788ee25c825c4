import { randomBytes } from 'node:crypto';
import type { Executor } from './store.js';

/**
 * A secret generated on the first start and kept in the store, so every instance and every restart
 * uses the same one: the first writer's value wins, the others read it.
 */
export async function gatewaySecret(executor: Executor, name: string, now: number): Promise<Buffer> {
  await executor
    .insertInto('gateway_secrets')
    .values({ name, value: randomBytes(32).toString('base64url'), created_at: now })
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
  const row = await executor
    .selectFrom('gateway_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}
