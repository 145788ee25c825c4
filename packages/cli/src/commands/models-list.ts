import type { ModelInfo } from '@ads/contract';
import type { ModelListQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';
import { fitTable } from '../table.js';

/** The scenes, short: the table has room for four words, not four ids. */
const shortScene: Record<string, string> = {
  'text-to-video': 'text',
  'image-to-video': 'image',
  'video-to-video': 'video',
  'ad-video': 'ad',
};
const scenes = (list: readonly string[]) => list.map((scene) => shortScene[scene] ?? scene).join(',') || '-';

function credits(model: ModelInfo): string {
  const prices = Object.values(model.credits).filter((price): price is number => typeof price === 'number');
  if (prices.length === 0) return '-';
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? String(low) : `${low}-${high}`;
}

function readiness(model: ModelInfo): string {
  if (model.deprecated) return model.replacement ? `withdrawn: ${model.replacement}` : 'withdrawn';
  return model.configured ? 'yes' : 'no key';
}

export default defineCommand({
  path: ['models', 'list'],
  summary: 'List the model catalog (runnable models first), with prices and scene defaults',
  source: { route: 'models.listModels' },
  async run(context) {
    const client = await context.client();
    const models = await client.models.list(context.input.query as ModelListQuery);
    context.printer.result(models, () => {
      const table = fitTable(
        ['MODEL', 'SCENES', 'DEFAULT', 'CREDITS', 'READY'],
        models.data.map((model) => [
          model.id,
          scenes(model.scenes),
          model.default_for.length > 0 ? scenes(model.default_for) : '-',
          credits(model),
          readiness(model),
        ]),
        // The model id gives way first, then the readiness note: 100 columns hold the rest.
        { width: 100, shrink: [0, 4] },
      );
      const runnable = models.data.filter((model) => model.configured && !model.deprecated).length;
      return `${table}\n\n${models.data.length} models, ${runnable} runnable here. Narrow with --scene, --provider, --search or --configured true; --json has every option schema.`;
    });
  },
});
