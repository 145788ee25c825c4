import type { GenerationRequest, SceneId, TaskStatus } from '@ads/contract';
import type { CallerFieldNames, WebhookRequest } from '@ads/provider';
import { auditActor, type Caller } from '../auth/caller.js';
import { type FileRecord, findFile, findFileById, markFileDeleted } from '../store/file-repository.js';
import type { TaskRecord } from '../store/task-record.js';
import { findTask, listTasks, readTask } from '../store/task-repository.js';
import { findWorkspace, listWorkspaces, type WorkspaceRow } from '../store/workspace-repository.js';
import { cancelTask } from './cancel-task.js';
import { createTask } from './create-task.js';
import { deleteTaskVideos } from './delete-videos.js';
import type { EngineContext } from './engine-context.js';
import { GatewayError, notFound } from './gateway-error.js';
import { handleWebhook, type WebhookOutcome } from './handle-webhook.js';
import { planGeneration } from './plan-generation.js';
import { type QuoteResult, quoteRefusal } from './quote-task.js';
import {
  type ReconcileRequest,
  type ReconcileResult,
  reconcileTask,
  unconfirmedTasks,
} from './reconcile-task.js';
import { withSourceTask } from './source-task.js';
import { submitTask } from './submit-task.js';
import { decodeCursor, encodeCursor } from './task-cursor.js';
import type { Abandonment } from './task-events.js';
import { resolveUploadedInputs, uploadFile } from './uploaded-files.js';
import { checkClientUrl } from './webhooks/client-url.js';

export interface CreateOptions {
  /** How the caller's surface names the inputs, so that errors name what the caller sent. */
  fieldNames: CallerFieldNames;
  /** The surface's name of the callback URL field (default `callback_url`). */
  callbackField?: string;
  idempotencyKey?: string | undefined;
}

export interface TaskPage {
  tasks: TaskRecord[];
  nextCursor: string | null;
}

const isOpen = (task: Pick<TaskRecord, 'status'>) => task.status === 'pending' || task.status === 'running';

/** The gateway's operations, independent of HTTP: what both API surfaces call. */
export class Engine {
  constructor(readonly context: EngineContext) {}

  /** The workspace a request acts on: the key's own, or another of its owner's (403 otherwise). */
  async workspaceFor(caller: Caller, workspaceId: string | undefined): Promise<WorkspaceRow> {
    const id = workspaceId ?? caller.workspace.id;
    const workspace = await findWorkspace(this.context.store.db, id);
    if (!workspace || workspace.owner_id !== caller.workspace.owner_id) {
      throw new GatewayError({
        code: 'forbidden',
        message: `This API key cannot use workspace "${id}"; GET /v1/account lists the workspaces it can.`,
      });
    }
    return workspace;
  }

  ownerWorkspaces(caller: Caller): Promise<WorkspaceRow[]> {
    return listWorkspaces(this.context.store.db, caller.workspace.owner_id);
  }

  /** Everything a create checks before it writes: the workspace, the callback, the model and options, the price. */
  private async prepare(
    caller: Caller,
    request: GenerationRequest,
    options: CreateOptions,
    balance: 'fresh' | 'unused',
  ) {
    // A create reads the balance in its own transaction; its key's own workspace needs no read first
    // (workspaces are never removed, nor moved to another owner).
    const workspace =
      balance === 'unused' && request.workspaceId === undefined
        ? caller.workspace
        : await this.workspaceFor(caller, request.workspaceId);
    if (request.callback) {
      await checkClientUrl(this.context, request.callback.url, options.callbackField ?? 'callback_url');
    }
    const resolved = await resolveUploadedInputs(this.context, request, workspace.id, options.fieldNames);
    const planned = planGeneration(this.context.registry, resolved, options.fieldNames);
    const plan = await withSourceTask(this.context, planned, workspace.id, options.fieldNames);
    const price = this.context.prices.price(plan.entry, request.scene, plan.input, workspace.id);
    return { workspace, plan, price };
  }

  /** What the create of this request would reserve, and whether it would be accepted now. Writes nothing. */
  async quote(caller: Caller, request: GenerationRequest, options: CreateOptions): Promise<QuoteResult> {
    const { workspace, plan, price } = await this.prepare(caller, request, options, 'fresh');
    return {
      plan,
      price,
      workspace,
      refusal: await quoteRefusal(this.context, caller, workspace, price.credits),
    };
  }

  /** Checks, reserves, writes and submits a task; answers once the provider accepted (or refused) it. */
  async create(caller: Caller, request: GenerationRequest, options: CreateOptions): Promise<TaskRecord> {
    const { workspace, plan, price } = await this.prepare(caller, request, options, 'unused');
    const { task, created } = await createTask(this.context, {
      plan,
      price,
      key: { id: caller.keyId, limits: caller.limits },
      workspaceId: workspace.id,
      idempotencyKey: options.idempotencyKey,
    });
    if (!created) return task;
    try {
      return await submitTask(this.context, task);
    } catch (error) {
      // The task is stored and leased; when the lease runs out the runner submits it.
      this.context.logger.error({ taskId: task.id, err: error }, 'submit at create failed');
      return task;
    } finally {
      this.context.checkScheduled();
    }
  }

  /** A task in the caller's reach: in the named workspace, or in any of the owner's. 404 otherwise. */
  async get(caller: Caller, taskId: string, workspaceId?: string): Promise<TaskRecord> {
    const task = await readTask(this.context.store, taskId);
    if (!task || !(await this.reaches(caller, task, workspaceId))) {
      throw notFound(`No task ${taskId} in your workspaces.`);
    }
    return task;
  }

  private async reaches(caller: Caller, task: TaskRecord, workspaceId: string | undefined): Promise<boolean> {
    if (workspaceId) return task.workspaceId === (await this.workspaceFor(caller, workspaceId)).id;
    if (task.workspaceId === caller.workspace.id) return true;
    const workspace = await findWorkspace(this.context.store.db, task.workspaceId);
    return workspace?.owner_id === caller.workspace.owner_id;
  }

  /**
   * Waits until the task ends or `timeoutMs` passes (or the client goes away), then answers with
   * the task as it stands: a timeout is not an error and loses nothing.
   */
  waitForTask(task: TaskRecord, timeoutMs: number, signal?: Abandonment): Promise<TaskRecord> {
    if (!isOpen(task) || timeoutMs <= 0) return Promise.resolve(task);
    return this.waitForEnd(task.id, timeoutMs, signal);
  }

  /**
   * Thousands of requests wait at once, so a wait holds the task's id and nothing of the task
   * (the record read at the start is not kept): it reads the task again when it ends.
   */
  private async waitForEnd(id: string, timeoutMs: number, signal?: Abandonment): Promise<TaskRecord> {
    const { events, metrics } = this.context;
    metrics.waitingRequests.inc();
    try {
      const ended = events.waitForEnd(id, timeoutMs, signal);
      // Registered first, read second: an end between the two is still seen.
      const current = await this.reread(id);
      if (!isOpen(current)) {
        events.tell(id, current.status);
        return current;
      }
      await ended;
      return await this.reread(id);
    } finally {
      metrics.waitingRequests.dec();
    }
  }

  /** The task as it stands now, by the same prepared read as `get`. */
  private async reread(id: string): Promise<TaskRecord> {
    const task = await readTask(this.context.store, id);
    if (!task) throw notFound(`No task ${id}.`);
    return task;
  }

  async list(
    caller: Caller,
    query: {
      workspaceId?: string;
      status?: TaskStatus;
      scene?: SceneId;
      model?: string;
      createdAfter?: string;
      createdBefore?: string;
      limit: number;
      cursor?: string;
    },
  ): Promise<TaskPage> {
    const workspace = await this.workspaceFor(caller, query.workspaceId);
    const rows = await listTasks(this.context.store.db, {
      workspaceId: workspace.id,
      status: query.status,
      scene: query.scene,
      model: query.model,
      createdFrom: query.createdAfter === undefined ? undefined : Date.parse(query.createdAfter),
      createdBefore: query.createdBefore === undefined ? undefined : Date.parse(query.createdBefore),
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      limit: query.limit + 1,
    });
    const tasks = rows.slice(0, query.limit);
    const last = tasks.at(-1);
    return { tasks, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
  }

  /**
   * The key's workspace's tasks in either order, after the task `afterId` (OpenAI's cursor: the id
   * of the last item of the previous page). An id outside the workspace is a 400.
   */
  async listAfter(
    caller: Caller,
    query: { afterId?: string | undefined; order: 'asc' | 'desc'; limit: number },
  ): Promise<{ tasks: TaskRecord[]; hasMore: boolean }> {
    const workspace = await this.workspaceFor(caller, undefined);
    const after = query.afterId ? await findTask(this.context.store.db, query.afterId) : undefined;
    if (query.afterId && after?.workspaceId !== workspace.id) {
      throw new GatewayError({
        code: 'invalid_request',
        message: `after names no video of this workspace; pass the last id of the previous page.`,
        issues: [{ path: 'after', message: 'unknown video' }],
      });
    }
    const rows = await listTasks(this.context.store.db, {
      workspaceId: workspace.id,
      after,
      order: query.order,
      limit: query.limit + 1,
    });
    return { tasks: rows.slice(0, query.limit), hasMore: rows.length > query.limit };
  }

  /** Cancels a task in the caller's reach; `signal` aborts the provider's cancel (the task then keeps running). */
  async cancel(
    caller: Caller,
    taskId: string,
    options: { workspaceId?: string | undefined; signal?: AbortSignal } = {},
  ): Promise<TaskRecord> {
    return cancelTask(this.context, await this.get(caller, taskId, options.workspaceId), options.signal);
  }

  /** Deletes the stored files of a finished task in the caller's reach (idempotent, audited). */
  async deleteVideos(caller: Caller, taskId: string, workspaceId?: string): Promise<TaskRecord> {
    const task = await this.get(caller, taskId, workspaceId);
    return deleteTaskVideos(this.context, task, { kind: 'user', credential: auditActor(caller) });
  }

  /** Streams an upload into storage for the workspace (the key's own unless named). */
  async uploadFile(
    caller: Caller,
    workspaceId: string | undefined,
    upload: Parameters<typeof uploadFile>[2],
  ): Promise<FileRecord> {
    const workspace = await this.workspaceFor(caller, workspaceId);
    return uploadFile(this.context, workspace.id, upload);
  }

  /** An uploaded file in the caller's reach (the named workspace, or the key's own); 404 otherwise. */
  async getFile(caller: Caller, fileId: string, workspaceId?: string): Promise<FileRecord> {
    const workspace = await this.workspaceFor(caller, workspaceId);
    const file = await findFile(this.context.store.db, workspace.id, fileId);
    if (!file) throw notFound(`No uploaded file ${fileId} in workspace ${workspace.id}.`);
    return file;
  }

  /** Deletes an uploaded file's bytes; tasks already submitted keep what their provider received. */
  async deleteFile(caller: Caller, fileId: string, workspaceId?: string): Promise<void> {
    const file = await this.getFile(caller, fileId, workspaceId);
    await markFileDeleted(this.context.store.db, file.id, this.context.now());
    await this.context.storage.delete(file.storageKey);
  }

  /** A file by id alone, for a signed link (the signature is the access). */
  findFileForLink(fileId: string): Promise<FileRecord | undefined> {
    return findFileById(this.context.store.db, fileId);
  }

  /** A task by id alone, for a signed video link (the signature is the access). */
  findForLink(taskId: string): Promise<TaskRecord | undefined> {
    return readTask(this.context.store, taskId);
  }

  webhook(providerId: string, request: WebhookRequest): Promise<WebhookOutcome> {
    return handleWebhook(this.context, providerId, request);
  }

  /** The operator's reconcile queue: unconfirmed submits holding credits. */
  unconfirmedTasks(): Promise<TaskRecord[]> {
    return unconfirmedTasks(this.context);
  }

  reconcile(taskId: string, request: ReconcileRequest): Promise<ReconcileResult> {
    return reconcileTask(this.context, taskId, request);
  }
}
