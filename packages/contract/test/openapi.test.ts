import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { generateOpenApiDocument } from '../src/openapi/index.js';
import { allRoutes } from './route-lookup.js';

const document = generateOpenApiDocument();
type Operation = {
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  security?: unknown[];
};

function operationOf(method: string, path: string): Operation {
  const openApiPath = path.replace(/:(\w+)/g, '{$1}');
  const operation = (document.paths[openApiPath] as Record<string, Operation> | undefined)?.[
    method.toLowerCase()
  ];
  if (!operation) throw new Error(`${method} ${openApiPath} is missing from openapi.json`);
  return operation;
}

const isNonEmptySchema = (schema: Record<string, unknown> | undefined) =>
  schema !== undefined && ['type', 'anyOf', 'oneOf', 'allOf', 'properties'].some((key) => key in schema);

describe('the generated OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe('3.1.0');
  });

  it('notices a broken document (the validator is not a rubber stamp)', async () => {
    const broken = structuredClone(document) as { paths: Record<string, Record<string, unknown>> };
    (broken.paths['/healthz'] as Record<string, unknown>).get = { responses: 'none' };
    const result = await new Validator().validate(broken as never);
    expect(result.valid).toBe(false);
  });

  it.each([
    ['GET', '/api/actions'],
    ['GET', '/api/actions/{name}/schema'],
    ['POST', '/api/actions/ai.video.generate'],
    ['POST', '/api/actions/ai.video.generate_and_wait'],
    ['POST', '/api/actions/ai.video.query'],
    ['POST', '/v1/videos/generations'],
    ['GET', '/v1/tasks/{id}'],
  ])('has the guides’ endpoint %s %s', (method, path) => {
    expect(() => operationOf(method, path)).not.toThrow();
  });

  it.each(allRoutes.map((route) => [route.method, route.path, route] as const))(
    '%s %s has non-empty request and response schemas',
    (method, path, route) => {
      const operation = operationOf(method, path);
      const success = Object.keys(route.responses).find((status) => status.startsWith('2')) ?? '200';
      // JSON for every route but the downloads (the file itself) and the task's event stream.
      const content = operation.responses[success]?.content ?? {};
      const answered =
        content['application/json'] ??
        content['video/mp4'] ??
        content['text/event-stream'] ??
        content['application/octet-stream'];
      expect(isNonEmptySchema(answered?.schema)).toBe(true);
      if ('body' in route && typeof route.body === 'object' && route.body !== null && '_zod' in route.body) {
        const request = operation.requestBody?.content ?? {};
        const sent = request['application/json'] ?? request['multipart/form-data'];
        expect(isNonEmptySchema(sent?.schema)).toBe(true);
      }
    },
  );

  it('documents the error envelope on every route that needs a key', () => {
    for (const route of allRoutes.filter(
      (candidate) => (candidate.metadata as { auth: string }).auth !== 'none',
    )) {
      const operation = operationOf(route.method, route.path);
      for (const status of ['400', '401', '404', '500']) {
        const schema = operation.responses[status]?.content?.['application/json']?.schema as
          | { properties?: { error?: { properties?: Record<string, unknown> } } }
          | undefined;
        expect(Object.keys(schema?.properties?.error?.properties ?? {})).toEqual(
          expect.arrayContaining(['code', 'message', 'issues']),
        );
      }
      expect(operation.security?.length).toBeGreaterThan(0);
    }
  });
});
