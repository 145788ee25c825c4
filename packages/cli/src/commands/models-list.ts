import type { ModelListQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';
import { formatTable } from '../table.js';

export default defineCommand({
  path: ['models', 'list'],
  summary: 'List the model catalog, with prices and scene defaults',
  source: { route: 'models.listModels' },
  async run(context) {
    const client = await context.client();
    const models = await client.models.list(context.input.query as ModelListQuery);
    context.printer.result(models, () =>
      formatTable(
        ['MODEL', 'SCENES', 'DEFAULT FOR', 'CREDITS', 'READY'],
        models.data.map((model) => [
          model.id,
          model.scenes.join(','),
          model.default_for.join(',') || '-',
          Object.entries(model.credits)
            .map(([scene, credits]) => `${scene}:${credits}`)
            .join(' '),
          model.configured ? 'yes' : 'no key',
        ]),
      ),
    );
  },
});
