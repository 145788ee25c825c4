import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { callerOf } from '../authenticate-route.js';
import { clientGone } from '../client-gone.js';
import { quoteView } from '../views/quote-view.js';
import type { GatewayServices } from './gateway-services.js';
import { restFields, type TaskHandlers } from './task-handlers.js';

const server = initServer();

/** The videos routes ts-rest answers; the download and the event stream are served by express itself. */
export const videosRoutes = (() => {
  const { downloadVideo: _streamed, taskEvents: _events, ...routes } = contract.videos;
  return routes;
})();

export function videosRouter(services: GatewayServices, handlers: TaskHandlers) {
  const { engine, views } = services;
  const view = (task: Parameters<typeof views.rest>[0]) => views.rest(task);
  return server.router(videosRoutes, {
    createGeneration: ({ body, headers, res }) =>
      handlers.createGeneration({ caller: callerOf(res), request: { body, headers }, response: res }),
    quoteGeneration: async ({ body, res }) => ({
      status: 200,
      body: quoteView(await engine.quote(callerOf(res), body, { fieldNames: restFields })),
    }),
    getTask: ({ params, query, res }) =>
      handlers.getTask({ caller: callerOf(res), request: { params, query }, response: res }),
    listTasks: async ({ query, res }) => {
      const page = await engine.list(callerOf(res), {
        workspaceId: query.workspace_id,
        status: query.status,
        scene: query.scene,
        model: query.model,
        createdAfter: query.created_after,
        createdBefore: query.created_before,
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        status: 200,
        body: {
          object: 'list' as const,
          data: page.tasks.map(view),
          has_more: page.nextCursor !== null,
          next_cursor: page.nextCursor,
        },
      };
    },
    deleteVideos: async ({ params, query, res }) => ({
      status: 200,
      body: views.rest(await engine.deleteVideos(callerOf(res), params.id, query.workspace_id)),
    }),
    cancelTask: async ({ params, query, res }) => ({
      status: 200,
      body: views.rest(
        await engine.cancel(callerOf(res), params.id, {
          workspaceId: query.workspace_id,
          signal: clientGone(res),
        }),
      ),
    }),
  });
}
