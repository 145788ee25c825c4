import type { ModelInfo } from '@ads/contract';
import type { ModelListQuery } from '@ads/sdk';
import { defineCommand } from '../command.js';
import { fitTable } from '../table.js';

/** The scenes by their initials, so that the longest model id (59 characters) fits in 100 columns. */
const shortScene: Record<string, string> = {
  'text-to-video': 't',
  'image-to-video': 'i',
  'video-to-video': 'v',
  'ad-video': 'a',
};
const legend = 'Scenes: t text-to-video, i image-to-video, v video-to-video, a ad-video.';
const scenes = (list: readonly string[]) => list.map((scene) => shortScene[scene] ?? scene).join(',') || '-';

function credits(model: ModelInfo): string {
  const prices = Object.values(model.credits).filter((price): price is number => typeof price === 'number');
  if (prices.length === 0) return '-';
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? String(low) : `${low}-${high}`;
}

function readiness(model: ModelInfo): string {
  if (model.deprecated) return 'withdrawn';
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
        // Ids longer than any in today's catalogs give way, clipped, rather than wrap the table.
        { width: 100, shrink: [0] },
      );
      const runnable = models.data.filter((model) => model.configured && !model.deprecated).length;
      return [
        table,
        '',
        legend,
        `${models.data.length} models, ${runnable} runnable here (withdrawn ones last, with their replacement in --json).`,
        'Narrow with --scene, --provider, --search or --configured true; --json has every option schema.',
      ].join('\n');
    });
  },
});
