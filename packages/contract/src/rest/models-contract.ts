import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { priceOriginShape } from '../quote.js';
import { routeMetadata } from '../route-metadata.js';
import { sceneIds } from '../scenes.js';

const c = initContract();

const sceneEnum = z.enum(sceneIds);

const adjustmentsSchema = z
  .object({
    resolution: z.record(z.string(), z.number()).optional(),
    audio: z.number().optional(),
    video_input: z.number().optional(),
  })
  .nullable();

export const modelPricingSchema = z
  .object({
    ...priceOriginShape,
    credits: z
      .number()
      .nullable()
      .describe('Credits per video or per second before multipliers (null: it differs by scene).'),
    minimum: z.number().int(),
    max_seconds: z
      .number()
      .nullable()
      .describe('Per second: what a request that leaves the length to the model reserves.'),
    multiply: adjustmentsSchema.describe('Multipliers by resolution, with audio, with an input video.'),
    add: adjustmentsSchema.describe(
      'Credits added per second or per video: by resolution, with audio, with an input video.',
    ),
    formula: z.string().describe('The price in words.'),
  })
  .describe("How the model is priced for the caller's workspace. POST /v1/videos/quote prices one request.");
export type ModelPricing = z.infer<typeof modelPricingSchema>;

export const modelInfoSchema = z.object({
  id: z.string().describe('Public model id: provider/model.'),
  object: z.literal('model'),
  provider: z.string(),
  model: z.string().describe("The provider's own model id."),
  name: z.string(),
  scenes: z
    .array(sceneEnum)
    .describe('Scenes the model serves (ad-video routes onto text- or image-to-video).'),
  default_for: z.array(sceneEnum).describe('Scenes for which this model is the default.'),
  credits: z
    .partialRecord(sceneEnum, z.number().int())
    .describe("Price in credits, per scene, of a request with the model's default options."),
  pricing: modelPricingSchema,
  options: z.record(z.string(), z.unknown()).describe('JSON Schema of the options the model accepts.'),
  typical_run_seconds: z.number().describe('How long a job usually takes upstream.'),
  configured: z.boolean().describe('Whether this gateway has credentials for the provider.'),
  deprecated: z
    .boolean()
    .describe('The provider withdrew the model: tasks made with it still read, new requests get a 400.'),
  replacement: z.string().nullable().describe('For a withdrawn model, the model that replaces it.'),
});
export type ModelInfo = z.infer<typeof modelInfoSchema>;

export const modelListSchema = z.object({ object: z.literal('list'), data: z.array(modelInfoSchema) });

export const modelsContract = c.router(
  {
    listModels: {
      method: 'GET',
      path: '/v1/models',
      query: z.object({
        scene: sceneEnum.optional().describe('Only models that serve this scene.'),
        provider: z.string().max(40).optional().describe('Only models of this provider.'),
        configured: z
          .enum(['true', 'false'])
          .optional()
          .describe(
            '`true`: only what this gateway can run (its provider has a key); `false`: only what it cannot.',
          ),
        search: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .optional()
          .describe('Only models whose id or name contains this text (any case), e.g. `kling` or `veo3.1`.'),
      }),
      responses: { 200: modelListSchema },
      summary: 'List the model catalog: runnable models first, withdrawn ones last',
      metadata: routeMetadata({
        auth: 'api-key',
        example: { query: { scene: 'image-to-video', configured: 'true', search: 'kling' } },
      }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
