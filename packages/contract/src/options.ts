import type { StandardOptionName } from '@ads/vocabulary';
import { z } from 'zod';

const numericString = z.string().regex(/^\s*\d+(\.\d+)?\s*$/, { error: 'must be a number' });

/** A number given as a number or a numeric string (`"10"`), as upstream docs often show it. */
const looseNumber = z.union([z.number(), numericString.transform(Number)], {
  error: 'must be a number',
});

/**
 * Options every model understands by the same name; each catalog entry maps them onto its own
 * upstream fields and checks the values it accepts. Any other key is passed through to the
 * model's own schema, which rejects what it does not know.
 */
export const standardOptionsShape = {
  duration: z
    .union(
      [
        z.literal('auto'),
        looseNumber.pipe(z.number().positive({ error: 'must be a positive number of seconds' }).max(600)),
      ],
      // Not `auto`: the seconds' own message (a number, positive, at most 600).
      { error: (issue) => (issue.code === 'invalid_union' ? issue.errors[1]?.[0]?.message : undefined) },
    )
    .optional()
    .describe(
      'Length of the video in seconds, or `auto` (where the model takes it) to leave it to the model. A per-second price reserves the longest length for `auto` and settles to the delivered one.',
    ),
  aspect_ratio: z
    .string()
    .regex(/^(\d+:\d+|auto)$/, { error: 'must look like 16:9, 9:16, 1:1 or auto' })
    .optional()
    .describe('Frame shape, e.g. 16:9, 9:16, 1:1.'),
  resolution: z
    .string()
    .regex(/^(\d{3,4}p|[1-8]k)$/i, { error: 'must look like 480p, 720p, 1080p or 4k' })
    .optional()
    .describe('Output resolution, e.g. 720p or 1080p.'),
  seed: looseNumber
    .pipe(z.number().int({ error: 'must be a whole number' }).min(-1).max(4294967295))
    .optional()
    .describe('Random seed for reproducible output (-1 for random where the model supports it).'),
  negative_prompt: z.string().max(2500).optional().describe('What the video should avoid.'),
  audio: z.boolean().optional().describe('Generate an audio track where the model can.'),
} as const satisfies Record<StandardOptionName, z.ZodType>;

export { standardOptionNames } from '@ads/vocabulary';

export const generationOptionsSchema = z
  .object(standardOptionsShape)
  .catchall(z.unknown())
  .describe(
    'Model options. Standard names (duration, aspect_ratio, resolution, seed, negative_prompt, audio) are mapped per model; other keys pass through to the model after its own schema accepts them.',
  );

export type GenerationOptions = z.output<typeof generationOptionsSchema>;
