import { actionJsonSchemas, actionNames, actionSummary, contract, findAction } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { notFound } from '../../engine/gateway-error.js';
import { callerOf } from '../authenticate-route.js';
import { clientGone } from '../client-gone.js';
import { quoteView } from '../views/quote-view.js';
import type { GatewayServices } from './gateway-services.js';
import { actionFields, callbackField, type TaskHandlers } from './task-handlers.js';

const server = initServer();

export function actionsRouter({ engine, views }: GatewayServices, handlers: TaskHandlers) {
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
    generate: ({ body, headers, res }) =>
      handlers.generate({ caller: callerOf(res), request: { body, headers }, response: res }),
    generateAndWait: ({ body, headers, res }) =>
      handlers.generateAndWait({ caller: callerOf(res), request: { body, headers }, response: res }),
    quote: async ({ body, res }) => ({
      status: 200,
      body: quoteView(await engine.quote(callerOf(res), body, { fieldNames: actionFields, callbackField })),
    }),
    query: ({ body, res }) => handlers.query({ caller: callerOf(res), request: { body }, response: res }),
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
