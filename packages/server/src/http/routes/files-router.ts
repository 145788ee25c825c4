import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { callerOf } from '../authenticate-route.js';
import { fileView } from '../views/file-view.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

/** The files routes ts-rest answers; the upload and the download are served by express itself. */
export const filesRoutes = (() => {
  const { uploadFile: _upload, downloadFile: _download, ...routes } = contract.files;
  return routes;
})();

export function filesRouter({ engine }: GatewayServices) {
  const { links, now } = engine.context;
  return server.router(filesRoutes, {
    getFile: async ({ params, query, res }) => ({
      status: 200,
      body: fileView(await engine.getFile(callerOf(res), params.id, query.workspace_id), links, now()),
    }),
    deleteFile: async ({ params, query, res }) => {
      await engine.deleteFile(callerOf(res), params.id, query.workspace_id);
      return { status: 200, body: { id: params.id, object: 'file' as const, deleted: true as const } };
    },
  });
}
