import { randomUUID } from 'node:crypto';
import { reserveCredits } from '../store/ledger-repository.js';
import { isUniqueViolation } from '../store/store.js';
import type { TaskRecord } from '../store/task-record.js';
import { findTaskByIdempotencyKey } from '../store/task-repository.js';
import { insertPendingTask } from '../store/task-transitions.js';
import { findWorkspace } from '../store/workspace-repository.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError } from './gateway-error.js';
import type { GenerationPlan } from './plan-generation.js';
import { taskDeadlineMs } from './poll-schedule.js';
import { requestHash } from './request-hash.js';

export interface CreateTaskRequest {
  plan: GenerationPlan;
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

/**
 * Writes the task and reserves its price in one transaction (402 when the balance is short). The new
 * task is leased to this instance so the caller can submit it at once; if this process dies first,
 * the lease runs out and the runner submits it.
 */
export async function createTask(context: EngineContext, request: CreateTaskRequest): Promise<CreatedTask> {
  const { plan, workspaceId } = request;
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
        amount: plan.price,
        now,
      });
      if (!reserved) {
        const workspace = await findWorkspace(executor, workspaceId);
        const balance = Number(workspace?.balance ?? 0);
        throw new GatewayError({
          code: 'insufficient_credits',
          message: `This task costs ${plan.price} credits but the workspace has ${balance}. Ask an operator to top it up (ads-server credits add).`,
          details: { balance, price: plan.price, workspaceId },
        });
      }
      return insertPendingTask(executor, {
        id,
        workspaceId,
        scene: plan.request.scene,
        provider: plan.entry.provider,
        model: plan.entry.model,
        modelScene: plan.modelScene,
        input: plan.input,
        credits: plan.price,
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
