import {
  actionFieldNames,
  actionJsonSchemas,
  actionNames,
  actionSummary,
  contract,
  findAction,
} from '@ads/contract';
import { initServer } from '@ts-rest/express';
import type { Response } from 'express';
import { notFound } from '../../engine/gateway-error.js';
import { callerOf } from '../authenticate-route.js';
import { actionTaskView } from '../views/task-views.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();
const paths = { ...actionFieldNames, options: 'options' };

/** Aborts when the client hangs up before the answer is sent. */
function clientGone(response: Response): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function actionsRouter({ engine }: GatewayServices) {
  return server.router(contract.actions, {
    list: async () => ({
      status: 200,
      body: { actions: actionNames.map((name) => actionSummary(findAction(name) ?? never(name))) },
    }),
    schema: async ({ params }) => {
      const definition = findAction(params.name);
      if (!definition) throw notFound(`No action "${params.name}"; GET /api/actions lists them.`);
      return { status: 200, body: { ...actionSummary(definition), ...actionJsonSchemas(definition) } };
    },
    generate: async ({ body, headers, res }) => {
      const task = await engine.create(callerOf(res), body, {
        paths,
        idempotencyKey: headers['idempotency-key'],
      });
      return { status: 200, body: actionTaskView(task) };
    },
    generateAndWait: async ({ body, headers, res }) => {
      const { timeoutMs, ...request } = body;
      const signal = clientGone(res);
      const task = await engine.create(callerOf(res), request, {
        paths,
        idempotencyKey: headers['idempotency-key'],
      });
      return { status: 200, body: actionTaskView(await engine.waitForTask(task, timeoutMs, signal)) };
    },
    query: async ({ body, res }) => ({
      status: 200,
      body: actionTaskView(await engine.get(callerOf(res), body.taskId, body.workspaceId)),
    }),
    cancel: async ({ body, res }) => ({
      status: 200,
      body: actionTaskView(await engine.cancel(callerOf(res), body.taskId, body.workspaceId)),
    }),
  });
}

function never(name: string): never {
  throw new Error(`Action ${name} is listed but not registered`);
}
