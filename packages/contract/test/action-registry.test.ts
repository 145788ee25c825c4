import { describe, expect, it } from 'vitest';
import {
  actionJsonSchemas,
  actionNames,
  actionRegistry,
  actionSummary,
  findAction,
  toJsonSchema,
} from '../src/index.js';
import { generateOpenApiDocument } from '../src/openapi/index.js';
import { bodySchemaOf, routeFor } from './route-lookup.js';

describe('the action registry', () => {
  it('lists the guide’s actions, the quote and the cancel action', () => {
    expect(actionNames).toEqual([
      'ai.video.generate',
      'ai.video.generate_and_wait',
      'ai.video.quote',
      'ai.video.query',
      'ai.video.cancel',
    ]);
  });

  it.each(actionNames)('%s validates with the route’s own body schema', (name) => {
    const definition = findAction(name);
    expect(definition?.input).toBe(bodySchemaOf(routeFor('POST', `/api/actions/${name}`)));
    expect(actionSummary(definition as never)).toMatchObject({
      method: 'POST',
      path: `/api/actions/${name}`,
      schemaPath: `/api/actions/${name}/schema`,
    });
  });

  it.each(actionNames)('%s has the same JSON Schema as its OpenAPI request and response', (name) => {
    const definition = actionRegistry.get(name);
    if (!definition) throw new Error(name);
    const schemas = actionJsonSchemas(definition);
    const paths = generateOpenApiDocument().paths as Record<string, { post: unknown }>;
    const operation = paths[`/api/actions/${name}`]?.post as {
      requestBody: { content: { 'application/json': { schema: unknown } } };
      responses: { 200: { content: { 'application/json': { schema: unknown } } } };
    };
    expect(schemas.input).toEqual(operation.requestBody.content['application/json'].schema);
    expect(schemas.output).toEqual(operation.responses[200].content['application/json'].schema);
    expect(schemas.input).toEqual(toJsonSchema(definition.input, 'input'));
  });

  it('describes generate_and_wait’s inputs with their defaults', () => {
    const definition = findAction('ai.video.generate_and_wait');
    const input = actionJsonSchemas(definition as never).input as {
      properties: Record<string, { default?: unknown }>;
    };
    expect(Object.keys(input.properties)).toEqual(
      expect.arrayContaining([
        'prompt',
        'scene',
        'provider',
        'model',
        'imageInput',
        'videoInput',
        'timeoutMs',
        'options',
        'workspaceId',
      ]),
    );
    expect(input.properties.timeoutMs?.default).toBe(600000);
    expect(input.properties.scene?.default).toBe('text-to-video');
  });

  it('knows no unregistered action', () => {
    expect(findAction('ai.image.generate')).toBeUndefined();
  });
});
