import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { createHeadersSchema } from '../headers.js';
import { quoteSchema } from '../quote.js';
import { routeMetadata } from '../route-metadata.js';
import { exampleTaskId } from '../task.js';
import { actionTaskSchema, taskRefInputSchema } from './action-task.js';
import { generateActionInputSchema, generateAndWaitActionInputSchema } from './generation-input.js';

const c = initContract();

export const actionSummarySchema = z.object({
  name: z.string().describe('The action name, e.g. ai.video.generate.'),
  description: z.string(),
  method: z.enum(['GET', 'POST']),
  path: z.string(),
  schemaPath: z.string().describe('Where to GET the JSON Schema of its input and output.'),
});

export const actionListSchema = z.object({ actions: z.array(actionSummarySchema) });

export const actionSchemaDocumentSchema = actionSummarySchema.extend({
  input: z.record(z.string(), z.unknown()).describe('JSON Schema of the input.'),
  output: z.record(z.string(), z.unknown()).describe('JSON Schema of the output.'),
});
export type ActionSchemaDocument = z.infer<typeof actionSchemaDocumentSchema>;

/** As in the CLI & API guide: `--timeout` sets timeoutMs, and workspaceId is an API-only field. */
const videoGenerationCli = { cliFlags: { timeoutMs: 'timeout' }, cliHidden: ['workspaceId'] };

const taskRefExample = { body: { taskId: exampleTaskId } };

export const actionsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/api/actions',
      responses: { 200: actionListSchema },
      summary: 'List the actions',
      metadata: routeMetadata({ auth: 'api-key' }),
    },
    schema: {
      method: 'GET',
      path: '/api/actions/:name/schema',
      pathParams: z.object({ name: z.string().min(1).max(100).describe('The action name.') }),
      responses: { 200: actionSchemaDocumentSchema },
      summary: "Get an action's input and output JSON Schema",
      metadata: routeMetadata({
        auth: 'api-key',
        example: { params: { name: 'ai.video.generate_and_wait' } },
      }),
    },
    generate: {
      method: 'POST',
      path: '/api/actions/ai.video.generate',
      headers: createHeadersSchema,
      body: generateActionInputSchema,
      responses: { 200: actionTaskSchema },
      summary: 'Create a video task (async)',
      description:
        'Checks the request, reserves the credits and submits the task; poll it with ai.video.query.',
      metadata: routeMetadata({
        auth: 'api-key',
        action: 'ai.video.generate',
        ...videoGenerationCli,
        example: { body: { prompt: 'ocean waves at sunset', scene: 'text-to-video' } },
      }),
    },
    generateAndWait: {
      method: 'POST',
      path: '/api/actions/ai.video.generate_and_wait',
      headers: createHeadersSchema,
      body: generateAndWaitActionInputSchema,
      responses: { 200: actionTaskSchema },
      summary: 'Create a video task and wait for it',
      description:
        'Holds the request until the task ends or timeoutMs passes. On timeout it answers with the task as it stands (still running, with its taskId), so nothing is lost: keep polling with ai.video.query.',
      metadata: routeMetadata({
        auth: 'api-key',
        action: 'ai.video.generate_and_wait',
        ...videoGenerationCli,
        example: { body: { prompt: 'ocean waves at sunset', scene: 'text-to-video', timeoutMs: 600000 } },
      }),
    },
    quote: {
      method: 'POST',
      path: '/api/actions/ai.video.quote',
      body: generateActionInputSchema,
      responses: { 200: quoteSchema },
      summary: 'Price a video task without creating it',
      description:
        'Takes the input of ai.video.generate and answers the price, the balance and whether the create would be accepted now; nothing is created or reserved.',
      metadata: routeMetadata({
        auth: 'api-key',
        action: 'ai.video.quote',
        ...videoGenerationCli,
        example: { body: { prompt: 'ocean waves at sunset', scene: 'text-to-video' } },
      }),
    },
    query: {
      method: 'POST',
      path: '/api/actions/ai.video.query',
      body: taskRefInputSchema,
      responses: { 200: actionTaskSchema },
      summary: 'Read a task',
      metadata: routeMetadata({ auth: 'api-key', action: 'ai.video.query', example: taskRefExample }),
    },
    cancel: {
      method: 'POST',
      path: '/api/actions/ai.video.cancel',
      body: taskRefInputSchema,
      responses: { 200: actionTaskSchema },
      summary: 'Cancel a task',
      description:
        'Asks the provider to stop the task. Credits are refunded only when the provider confirms it will not bill.',
      metadata: routeMetadata({ auth: 'api-key', action: 'ai.video.cancel', example: taskRefExample }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
