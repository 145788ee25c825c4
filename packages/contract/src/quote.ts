import { z } from 'zod';
import { sceneIds } from './scenes.js';

/** Where a price comes from, and the pattern of its rule: shared by a quote's basis and a model's pricing. */
export const priceOriginShape = {
  source: z
    .enum(['rule', 'scene'])
    .describe("`rule`: a rule of the operator's price file; `scene`: the default price of the scene."),
  rule: z.string().nullable().describe('The model pattern of the rule that prices it.'),
  per: z.enum(['video', 'second']),
};

export const priceBasisSchema = z
  .object({
    ...priceOriginShape,
    rate: z.number().describe('Credits per video or per second, with every multiplier applied.'),
    add: z
      .number()
      .describe(
        'Credits added per second or per video (resolution, audio, input video): the price is (rate + add) × seconds, or × 1.',
      ),
    minimum: z.number().int(),
    seconds: z
      .number()
      .nullable()
      .describe('The seconds priced: the ones asked for, or the most the task may last when open.'),
    open: z
      .boolean()
      .describe(
        'The request leaves the length to the model: the most is reserved, and the difference to the delivered length is refunded on success.',
      ),
  })
  .describe('How the price was reached.');
export type PriceBasisView = z.infer<typeof priceBasisSchema>;

export const quoteSchema = z.object({
  object: z.literal('video.quote'),
  model: z.string().describe('The public id of the model the request would run on.'),
  scene: z.enum(sceneIds),
  workspace: z.string().describe('The workspace that would pay.'),
  credits: z.number().int().describe('What the create would reserve.'),
  balance: z.number().int().describe("The workspace's balance now."),
  accepted: z
    .boolean()
    .describe('Whether a create with this body would be accepted now (credits and the key’s spend limit).'),
  refusal: z
    .object({
      code: z.enum(['insufficient_credits', 'spend_limit_exceeded']),
      message: z.string(),
      details: z.record(z.string(), z.unknown()),
    })
    .nullable()
    .describe('Why it would be refused: the error the create would answer with.'),
  basis: priceBasisSchema,
});
export type Quote = z.infer<typeof quoteSchema>;
