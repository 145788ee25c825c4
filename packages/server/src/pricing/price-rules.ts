import { z } from 'zod';

/** A multiplier (above 0) or an add-on (0 or more credits). */
const amount = (what: 'multiplier' | 'add-on') =>
  what === 'multiplier'
    ? z.number().positive({ error: 'a multiplier must be above 0' })
    : z.number().min(0, { error: 'an add-on must be 0 or more credits' });

/**
 * What a rule may scale or add to: the output resolution, the audio track, an input video. An add-on
 * is credits per unit of the rule: per second (per: second) or per video.
 */
const adjustmentsSchema = (what: 'multiplier' | 'add-on') =>
  z
    .strictObject({
      resolution: z
        .record(z.string().min(1), amount(what))
        .optional()
        .describe(`A ${what} per resolution value, e.g. {"1080p": 2}.`),
      audio: amount(what).optional().describe(`The ${what} when the request asks for audio.`),
      video_input: amount(what).optional().describe(`The ${what} when the request gives an input video.`),
    })
    .optional();

export const priceRuleSchema = z.strictObject({
  model: z
    .string()
    .trim()
    .min(1, { error: 'name a model id (provider/model) or a glob such as kie/kling-*' })
    .describe('A public model id, or a glob: `*` matches any run of characters (`/` included), `?` one.'),
  workspaces: z
    .array(z.string().min(1))
    .min(1, { error: 'list at least one workspace id, or leave workspaces out' })
    .optional()
    .describe('Only for these workspaces; a rule without it applies to every workspace.'),
  per: z.enum(['video', 'second'], { error: 'must be "video" or "second"' }),
  credits: z
    .number({ error: 'must be a number of credits' })
    .min(0, { error: 'must be 0 or more credits' })
    .describe('Credits per video, or per second of the requested duration.'),
  minimum: z
    .number()
    .int({ error: 'must be a whole number of credits' })
    .min(0, { error: 'must be 0 or more credits' })
    .default(0)
    .describe('The least a task costs under this rule.'),
  max_seconds: z
    .number()
    .positive({ error: 'must be a number of seconds above 0' })
    .optional()
    .describe(
      'Per second: what a task whose length the request leaves open (auto, or no duration) reserves.',
    ),
  multiply: adjustmentsSchema('multiplier'),
  add: adjustmentsSchema('add-on'),
});
export type PriceRule = z.output<typeof priceRuleSchema>;

export const priceFileSchema = z.strictObject({
  rules: z.array(priceRuleSchema, { error: 'must be a list of price rules' }),
});
export type PriceFile = z.output<typeof priceFileSchema>;
