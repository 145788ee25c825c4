import {
  actionFieldNames,
  actionJsonSchemas,
  actionNames,
  actionSummary,
  contract,
  findAction,
} from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { auditActor } from '../../auth/caller.js';
import { notFound } from '../../engine/gateway-error.js';
import { callerOf } from '../authenticate-route.js';
import { clientGone } from '../client-gone.js';
import { quoteView } from '../views/quote-view.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();
const fieldNames = { ...actionFieldNames, options: 'options' };
const callbackField = 'callbackUrl';

export function actionsRouter({ engine, heldWaits, views }: GatewayServices) {
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
        fieldNames,
        callbackField,
        idempotencyKey: headers['idempotency-key'],
      });
      return { status: 200, body: views.action(task) };
    },
    generateAndWait: async ({ body, headers, res }) => {
      const { timeoutMs, ...request } = body;
      const caller = callerOf(res);
      const release = heldWaits.take(auditActor(caller));
      try {
        const signal = clientGone(res);
        const task = await engine.create(caller, request, {
          fieldNames,
          callbackField,
          idempotencyKey: headers['idempotency-key'],
        });
        return { status: 200, body: views.action(await engine.waitForTask(task, timeoutMs, signal)) };
      } finally {
        release();
      }
    },
    quote: async ({ body, res }) => ({
      status: 200,
      body: quoteView(await engine.quote(callerOf(res), body, { fieldNames, callbackField })),
    }),
    query: async ({ body, res }) => ({
      status: 200,
      body: views.action(await engine.get(callerOf(res), body.taskId, body.workspaceId)),
    }),
    cancel: async ({ body, res }) => ({
      status: 200,
      body: views.action(
        await engine.cancel(callerOf(res), body.taskId, {
          workspaceId: body.workspaceId,
          signal: clientGone(res),
        }),
      ),
    }),
  });
}

function never(name: string): never {
  throw new Error(`Action ${name} is listed but not registered`);
}
