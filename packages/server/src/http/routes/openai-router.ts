import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import type { Engine } from '../../engine/engine.js';
import { openAiVideoView } from '../../openai/openai-video-view.js';
import type { TaskRecord } from '../../store/task-record.js';
import { callerOf } from '../authenticate-route.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

/** The OpenAI routes ts-rest answers; the create (multipart) and the content are served by express itself. */
export const openAiRoutes = (() => {
  const { createVideo: _create, downloadVideoContent: _content, ...routes } = contract.openai;
  return routes;
})();

/** A task as OpenAI's Video object, read through the model it was made with. */
export const openAiView = (engine: Engine) => (task: TaskRecord) =>
  openAiVideoView(task, engine.context.registry.entry(task.provider, task.model));

export function openAiRouter({ engine }: GatewayServices) {
  const view = openAiView(engine);
  return server.router(openAiRoutes, {
    getVideo: async ({ params, res }) => ({
      status: 200,
      body: view(await engine.get(callerOf(res), params.id)),
    }),
    listVideos: async ({ query, res }) => {
      const page = await engine.listAfter(callerOf(res), {
        afterId: query.after,
        order: query.order,
        limit: query.limit,
      });
      const data = page.tasks.map(view);
      return {
        status: 200,
        body: {
          object: 'list' as const,
          data,
          first_id: data[0]?.id ?? null,
          last_id: data.at(-1)?.id ?? null,
          has_more: page.hasMore,
        },
      };
    },
    deleteVideo: async ({ params, res }) => {
      await engine.deleteVideos(callerOf(res), params.id);
      return {
        status: 200,
        body: { id: params.id, object: 'video.deleted' as const, deleted: true as const },
      };
    },
  });
}
