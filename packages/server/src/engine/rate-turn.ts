import type { WindowLimit } from '@ads/provider';
import type { TaskRecord } from '../store/task-record.js';
import { deferToRateTurn } from '../store/task-transitions.js';
import type { EngineContext } from './engine-context.js';

/**
 * Whether the task may call its upstream now. A task claimed at the turn a limit reserved for it goes
 * without taking another token; otherwise it takes one, and without one it is put off to the turn the
 * bucket reserved (false). So tasks over the limit are served in the order they came, each once, at
 * the upstream's rate, whichever instance claims them.
 */
export async function withinRateLimit(
  context: EngineContext,
  task: TaskRecord,
  leaseOwner: string,
  bucket: { key: string; limit: WindowLimit } | undefined,
): Promise<boolean> {
  if (!bucket || task.rateTurnAt !== null) return true;
  const grant = await context.rateLimits.take(bucket.key, bucket.limit);
  if (grant.granted) return true;
  await deferToRateTurn(context.store.db, task, leaseOwner, context.now() + grant.waitMs);
  return false;
}
