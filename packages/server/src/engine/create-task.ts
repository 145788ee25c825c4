import { randomUUID } from 'node:crypto';
import type { KeyLimits } from '../auth/caller.js';
import type { Price } from '../pricing/price-book.js';
import { keySpent, spendFromKey, spendPeriodAt } from '../store/key-limit-repository.js';
import { reserveCredits } from '../store/ledger-repository.js';
import type { Executor } from '../store/store.js';
import { isUniqueViolation } from '../store/store.js';
import type { TaskRecord } from '../store/task-record.js';
import { findTaskByIdempotencyKey } from '../store/task-repository.js';
import { insertPendingTask } from '../store/task-transitions.js';
import { findWorkspace } from '../store/workspace-repository.js';
import { insufficientCredits, spendLimitExceeded } from './charge-refusals.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError } from './gateway-error.js';
import type { GenerationPlan } from './plan-generation.js';
import { taskDeadlineMs } from './poll-schedule.js';
import { requestHash } from './request-hash.js';

/** The key a task is created with: its spend limit is charged with the price. */
export interface CreatingKey {
  /** Null for a console session, which has no key and no key limits. */
  id: string | null;
  limits: KeyLimits;
}

export interface CreateTaskRequest {
  plan: GenerationPlan;
  price: Price;
  key: CreatingKey;
  workspaceId: string;
  idempotencyKey?: string | undefined;
}

/** The task, and whether this call created it (false: an earlier call with the same idempotency key did). */
export interface CreatedTask {
  task: TaskRecord;
  created: boolean;
}

async function replay(
  context: EngineContext,
  request: CreateTaskRequest,
  hash: string,
): Promise<CreatedTask | undefined> {
  if (!request.idempotencyKey) return undefined;
  const existing = await findTaskByIdempotencyKey(
    context.store.db,
    request.workspaceId,
    request.idempotencyKey,
  );
  if (!existing) return undefined;
  if (existing.requestHash !== hash) {
    throw new GatewayError({
      code: 'idempotency_conflict',
      message: `Idempotency-Key "${request.idempotencyKey}" was already used with a different request (task ${existing.id}). Use a new key for a new request.`,
      details: { taskId: existing.id },
    });
  }
  return { task: existing, created: false };
}

/** Charges the key's spend limit with the price, in the create's transaction (402 past the limit). */
async function chargeKey(executor: Executor, key: CreatingKey, price: number, now: number): Promise<void> {
  const spend = key.limits.spend;
  if (!spend || price <= 0 || key.id === null) return;
  const span = spendPeriodAt(spend.period, now);
  if (await spendFromKey(executor, { keyId: key.id, span, amount: price, limit: spend.limit })) return;
  throw spendLimitExceeded(price, { ...spend, span, spent: await keySpent(executor, key.id, span) });
}

/**
 * Writes the task and reserves its price in one transaction (402 when the balance is short, or the
 * key's spend limit would be passed). The new
 * task is leased to this instance so the caller can submit it at once; if this process dies first,
 * the lease runs out and the runner submits it.
 */
export async function createTask(context: EngineContext, request: CreateTaskRequest): Promise<CreatedTask> {
  const { plan, price, workspaceId } = request;
  const hash = requestHash(plan, workspaceId);
  const earlier = await replay(context, request, hash);
  if (earlier) return earlier;
  const now = context.now();
  const id = randomUUID();
  let task: TaskRecord;
  try {
    task = await context.store.transaction(async (executor) => {
      const reserved = await reserveCredits(executor, {
        workspaceId,
        taskId: id,
        amount: price.credits,
        now,
      });
      if (!reserved) {
        const workspace = await findWorkspace(executor, workspaceId);
        throw insufficientCredits(price.credits, Number(workspace?.balance ?? 0), workspaceId);
      }
      await chargeKey(executor, request.key, price.credits, now);
      return insertPendingTask(executor, {
        id,
        workspaceId,
        scene: plan.request.scene,
        provider: plan.entry.provider,
        model: plan.entry.model,
        modelScene: plan.modelScene,
        input: plan.input,
        credits: price.credits,
        priceBasis: price.basis,
        apiKeyId: request.key.id,
        idempotencyKey: request.idempotencyKey ?? null,
        requestHash: hash,
        now,
        leaseOwner: `${context.instanceId}:create`,
        leaseMs: context.leaseMs,
        deadlineAt: now + taskDeadlineMs(plan.entry.typicalRunSeconds, context.minimumDeadlineMs),
        callback: plan.request.callback,
      });
    });
  } catch (error) {
    // Another request with the same key won the race: answer with its task.
    if (isUniqueViolation(error)) {
      const winner = await replay(context, request, hash);
      if (winner) return winner;
    }
    throw error;
  }
  context.metrics.tasksCreated.inc({ provider: task.provider, scene: task.scene });
  return { task, created: true };
}
