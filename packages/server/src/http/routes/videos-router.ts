import { contract, restFieldNames } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { callerOf } from '../authenticate-route.js';
import { clientGone } from '../client-gone.js';
import { restTaskView } from '../views/task-views.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();
const fieldNames = { ...restFieldNames, options: 'options' };

export function videosRouter({ engine }: GatewayServices) {
  return server.router(contract.videos, {
    createGeneration: async ({ body, headers, res }) => {
      const task = await engine.create(callerOf(res), body, {
        fieldNames,
        idempotencyKey: headers['idempotency-key'],
      });
      return { status: 200, body: restTaskView(task) };
    },
    getTask: async ({ params, query, res }) => ({
      status: 200,
      body: restTaskView(await engine.get(callerOf(res), params.id, query.workspace_id)),
    }),
    listTasks: async ({ query, res }) => {
      const page = await engine.list(callerOf(res), {
        workspaceId: query.workspace_id,
        status: query.status,
        scene: query.scene,
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          object: 'list' as const,
          data: page.tasks.map(restTaskView),
          has_more: page.nextCursor !== null,
          next_cursor: page.nextCursor,
        },
      };
    },
    cancelTask: async ({ params, query, res }) => ({
      status: 200,
      body: restTaskView(
        await engine.cancel(callerOf(res), params.id, {
          workspaceId: query.workspace_id,
          signal: clientGone(res),
        }),
      ),
    }),
  });
}
