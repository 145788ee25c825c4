import { type AppRoute, isAppRoute } from '@ts-rest/core';
import type { z } from 'zod';
import { contract } from '../src/index.js';

function collectRoutes(router: object): AppRoute[] {
  return Object.values(router).flatMap((entry) => (isAppRoute(entry) ? [entry] : collectRoutes(entry)));
}

export const allRoutes = collectRoutes(contract);

export function routeFor(method: string, path: string): AppRoute {
  const route = allRoutes.find((candidate) => candidate.method === method && candidate.path === path);
  if (!route) throw new Error(`no route ${method} ${path}`);
  return route;
}

export function bodySchemaOf(route: AppRoute): z.ZodType {
  return (route as { body: z.ZodType }).body;
}
