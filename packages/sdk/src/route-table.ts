import type { Contract, RouteAuth } from '@ads/contract';
import type { AppRoute } from '@ts-rest/core';

/**
 * What the SDK keeps of each contract route at run time: method, path, a multipart body's content
 * type, and who may call it. The
 * compiler checks the generated table against the contract, route by route.
 */
export type RouteTable<Router> = {
  [Name in keyof Router]: Router[Name] extends AppRoute
    ? {
        method: Router[Name]['method'];
        path: Router[Name]['path'];
        contentType?: 'multipart/form-data';
        responses: object;
        metadata: { auth: RouteAuth };
      }
    : RouteTable<Router[Name]>;
};

/** One route of the table, as ts-rest's client reads it (the table's literal types are kept). */
export function route<Method extends string, Path extends string>(
  method: Method,
  path: Path,
  auth: RouteAuth = 'api-key',
  contentType?: 'multipart/form-data',
) {
  return { method, path, ...(contentType ? { contentType } : {}), responses: {}, metadata: { auth } };
}

/** The console's routers (`@ads/sdk/console`): sign-in, a user's keys, users, usage. */
export type ConsoleRouterName = 'session' | 'keys' | 'users' | 'usage';
export type ConsoleContract = Pick<Contract, ConsoleRouterName>;

/**
 * The routes the main entry calls: the contract but the OpenAI-compatible surface (the `openai`
 * package's) and the console's routers (`@ads/sdk/console`, so the browser bundle stays small).
 */
export type SdkContract = Omit<Contract, 'openai' | ConsoleRouterName>;
