import type { AppRoute } from '@ts-rest/core';
import type { z } from 'zod';
import { type JsonSchema, toJsonSchema } from '../json-schema.js';
import type { RouteMetadata } from '../route-metadata.js';
import { actionsContract } from './actions-contract.js';

export interface ActionDefinition {
  name: string;
  description: string;
  route: AppRoute & { metadata: RouteMetadata };
  input: z.ZodType;
  output: z.ZodType;
}

function definitionOf(route: AppRoute): ActionDefinition | [] {
  const metadata = route.metadata as RouteMetadata;
  if (!metadata.action || route.method !== 'POST') return [];
  return {
    name: metadata.action,
    description: [route.summary, route.description].filter(Boolean).join('. '),
    route: route as ActionDefinition['route'],
    input: (route as { body: unknown }).body as z.ZodType,
    output: (route.responses as Record<number, unknown>)[200] as z.ZodType,
  };
}

/** Every action by name, read off the actions routes: one place says what an action is. */
export const actionRegistry: ReadonlyMap<string, ActionDefinition> = new Map(
  (Object.values(actionsContract) as AppRoute[])
    .flatMap(definitionOf)
    .map((definition) => [definition.name, definition]),
);

export const actionNames = [...actionRegistry.keys()];

export function findAction(name: string): ActionDefinition | undefined {
  return actionRegistry.get(name);
}

export function actionSchemaPath(name: string): string {
  return `/api/actions/${name}/schema`;
}

export function actionSummary(definition: ActionDefinition) {
  return {
    name: definition.name,
    description: definition.description,
    method: definition.route.method as 'POST',
    path: definition.route.path,
    schemaPath: actionSchemaPath(definition.name),
  };
}

const schemaCache = new Map<string, { input: JsonSchema; output: JsonSchema }>();

/** The JSON Schema of an action's input and output, produced from the route's own zod schemas. */
export function actionJsonSchemas(definition: ActionDefinition): { input: JsonSchema; output: JsonSchema } {
  let schemas = schemaCache.get(definition.name);
  if (!schemas) {
    schemas = {
      input: toJsonSchema(definition.input, 'input'),
      output: toJsonSchema(definition.output, 'output'),
    };
    schemaCache.set(definition.name, schemas);
  }
  return schemas;
}
