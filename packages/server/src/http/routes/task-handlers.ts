import type { ServerResponse } from 'node:http';
import { actionFieldNames, type contract, restFieldNames } from '@ads/contract';
import type { ServerInferRequest } from '@ts-rest/core';
import type { Caller } from '../../auth/caller.js';
import { auditActor } from '../../auth/caller.js';
import type { Abandonment } from '../../engine/task-events.js';
import type { TaskRecord } from '../../store/task-record.js';
import { clientLeaving } from '../client-gone.js';
import type { GatewayServices } from './gateway-services.js';

/** What a handler of a hot route gets, from ts-rest's router or from the lean path alike. */
export interface HandlerCall<Request> {
  caller: Caller;
  request: Request;
  /** The answer being written: a held request stops waiting when its client goes. */
  response: ServerResponse;
}

type Videos = typeof contract.videos;
type Actions = typeof contract.actions;
type Call<Route extends Videos[keyof Videos] | Actions[keyof Actions]> = HandlerCall<
  Pick<
    ServerInferRequest<Route>,
    Extract<keyof ServerInferRequest<Route>, 'body' | 'headers' | 'params' | 'query'>
  >
>;

export const restFields = { ...restFieldNames, options: 'options' };
export const actionFields = { ...actionFieldNames, options: 'options' };
export const callbackField = 'callbackUrl';

/**
 * The routes that carry load, written once: the ts-rest routers and the lean path (lean/lean-routes.ts)
 * both call these, so the two ways in answer alike.
 */
export function taskHandlers({ engine, heldWaits, views }: GatewayServices) {
  /** A created task held until it ends, `timeoutMs` passes or the client leaves; its place is given back after. */
  async function holdUntilEnd(
    created: Promise<TaskRecord>,
    timeoutMs: number,
    leaving: Abandonment,
    release: () => void,
  ) {
    try {
      const task = await engine.waitForTask(await created, timeoutMs, leaving);
      return { status: 200 as const, body: views.action(task) };
    } finally {
      release();
    }
  }

  return {
    createGeneration: async ({ caller, request }: Call<Videos['createGeneration']>) => {
      const task = await engine.create(caller, request.body, {
        fieldNames: restFields,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return { status: 200 as const, body: views.rest(task) };
    },
    getTask: async ({ caller, request }: Call<Videos['getTask']>) => ({
      status: 200 as const,
      body: views.rest(await engine.get(caller, request.params.id, request.query.workspace_id)),
    }),
    generate: async ({ caller, request }: Call<Actions['generate']>) => {
      const task = await engine.create(caller, request.body, {
        fieldNames: actionFields,
        callbackField,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return { status: 200 as const, body: views.action(task) };
    },
    // Not an async function itself: a held request keeps the wait's few values (see holdUntilEnd),
    // not this call, its request and its headers.
    generateAndWait: ({ caller, request, response }: Call<Actions['generateAndWait']>) => {
      const { timeoutMs, ...generation } = request.body;
      let release: () => void;
      try {
        release = heldWaits.take(auditActor(caller));
      } catch (error) {
        return Promise.reject(error);
      }
      const created = engine.create(caller, generation, {
        fieldNames: actionFields,
        callbackField,
        idempotencyKey: request.headers['idempotency-key'],
      });
      return holdUntilEnd(created, timeoutMs, clientLeaving(response), release);
    },
    query: async ({ caller, request }: Call<Actions['query']>) => ({
      status: 200 as const,
      body: views.action(await engine.get(caller, request.body.taskId, request.body.workspaceId)),
    }),
  };
}

export type TaskHandlers = ReturnType<typeof taskHandlers>;
