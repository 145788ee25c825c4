import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { modelView } from '../views/model-view.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

export function modelsRouter({ engine }: GatewayServices) {
  const { registry } = engine.context;
  return server.router(contract.models, {
    listModels: async ({ query }) => {
      const defaults = registry.defaultsByModel();
      const models = registry.catalog
        .all()
        .filter((entry) => !query.provider || entry.provider === query.provider)
        .map((entry) => modelView(entry, registry, defaults))
        .filter((model) => !query.scene || model.scenes.includes(query.scene));
      return { status: 200, body: { object: 'list' as const, data: models } };
    },
  });
}
