import { contract, type ModelInfo } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { callerOf } from '../authenticate-route.js';
import { modelView } from '../views/model-view.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

/** What this gateway can run first, withdrawn models last; the catalog's own order within each. */
function runnableFirst(models: ModelInfo[]): ModelInfo[] {
  const rank = (model: ModelInfo) => (model.deprecated ? 2 : model.configured ? 0 : 1);
  return models
    .map((model, index) => ({ model, index }))
    .sort((left, right) => rank(left.model) - rank(right.model) || left.index - right.index)
    .map(({ model }) => model);
}

export function modelsRouter({ engine }: GatewayServices) {
  const { registry } = engine.context;
  return server.router(contract.models, {
    listModels: async ({ query, res }) => {
      const defaults = registry.defaultsByModel();
      const pricing = { prices: engine.context.prices, workspaceId: callerOf(res).workspace.id };
      const search = query.search?.toLowerCase();
      const models = registry.catalog
        .all()
        .filter((entry) => !query.provider || entry.provider === query.provider)
        .filter(
          (entry) =>
            !search ||
            `${entry.provider}/${entry.model}`.toLowerCase().includes(search) ||
            entry.name.toLowerCase().includes(search),
        )
        .map((entry) => modelView(entry, registry, defaults, pricing))
        .filter((model) => !query.scene || model.scenes.includes(query.scene))
        .filter(
          (model) => query.configured === undefined || model.configured === (query.configured === 'true'),
        );
      return { status: 200, body: { object: 'list' as const, data: runnableFirst(models) } };
    },
  });
}
