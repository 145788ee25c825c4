import type { RouteExample } from '../route-metadata.js';

/** The parts of an OpenAPI operation an example fills in. */
export interface ExampleTarget {
  parameters?: Array<{ in: string; name: string; example?: unknown }>;
  requestBody?: { content?: Record<string, { example?: unknown }> };
  [key: string]: unknown;
}

/** Puts a route's example request where OpenAPI keeps examples: on each parameter and on the JSON body. */
export function withExample<T>(target: T, example: RouteExample | undefined): T {
  const operation = target as ExampleTarget;
  if (!example) return target;
  const valueFor = (location: string, name: string): string | undefined =>
    location === 'path' ? example.params?.[name] : location === 'query' ? example.query?.[name] : undefined;
  const parameters = operation.parameters?.map((parameter) => {
    const value = valueFor(parameter.in, parameter.name);
    return value === undefined ? parameter : { ...parameter, example: value };
  });
  const json = operation.requestBody?.content?.['application/json'];
  const requestBody =
    json && example.body !== undefined
      ? {
          ...operation.requestBody,
          content: {
            ...operation.requestBody?.content,
            'application/json': { ...json, example: example.body },
          },
        }
      : operation.requestBody;
  return {
    ...operation,
    ...(parameters ? { parameters } : {}),
    ...(requestBody ? { requestBody } : {}),
  } as T;
}
