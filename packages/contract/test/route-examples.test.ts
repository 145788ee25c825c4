import type { AppRoute } from '@ts-rest/core';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { RouteMetadata } from '../src/index.js';
import { generateOpenApiDocument } from '../src/openapi/index.js';
import { allRoutes } from './route-lookup.js';

type Schema = z.ZodType | undefined;
const schemaOf = (value: unknown): Schema =>
  typeof value === 'object' && value !== null && '_zod' in value ? (value as z.ZodType) : undefined;

const exampleOf = (route: AppRoute) => (route.metadata as RouteMetadata).example;
const name = (route: AppRoute) => `${route.method} ${route.path}`;

function issuesOf(schema: Schema, value: unknown): string[] {
  if (!schema) return [];
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('every route carries a working example request', () => {
  it.each(allRoutes.map((route) => [name(route), route] as const))('%s', (_name, route) => {
    const example = exampleOf(route) ?? {};
    const body = schemaOf((route as { body?: unknown }).body);
    const params = schemaOf(route.pathParams);
    const query = schemaOf(route.query);
    // A file upload's body is bytes, not something an example can spell out.
    const uploadsFile = route.method === 'POST' && route.path === '/v1/files';
    if (body && !uploadsFile) expect(example.body, 'a body example').toBeDefined();
    if (params) expect(example.params, 'path parameter examples').toBeDefined();
    if (!uploadsFile) expect(issuesOf(body, example.body)).toEqual([]);
    expect(issuesOf(params, example.params)).toEqual([]);
    expect(issuesOf(query, example.query ?? {})).toEqual([]);
  });

  it('a wrong example is noticed (the check is not a rubber stamp)', () => {
    const create = allRoutes.find((route) => route.path === '/v1/videos/generations') as AppRoute;
    const body = schemaOf((create as { body?: unknown }).body);
    expect(issuesOf(body, { scene: 'image-to-video', model: 'x' }).length).toBeGreaterThan(0);
  });

  it('the OpenAPI document shows them on the body and each parameter', () => {
    const paths = generateOpenApiDocument().paths as Record<string, Record<string, unknown>>;
    const create = paths['/v1/videos/generations']?.post as {
      requestBody: { content: Record<string, { example?: { model?: string } }> };
    };
    expect(create.requestBody.content['application/json']?.example?.model).toBe('sora-2-pro-image-to-video');
    const getTask = paths['/v1/tasks/{id}']?.get as { parameters: Array<{ name: string; example?: string }> };
    expect(getTask.parameters.find((parameter) => parameter.name === 'id')?.example).toMatch(
      /^[0-9a-f-]{36}$/,
    );
  });
});
