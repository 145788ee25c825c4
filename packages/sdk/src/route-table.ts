import type { RouteAuth } from '@ads/contract';
import type { AppRoute } from '@ts-rest/core';

/**
 * What the SDK keeps of each contract route at run time: method, path and who may call it. The
 * compiler checks the generated table against the contract, route by route.
 */
export type RouteTable<Router> = {
  [Name in keyof Router]: Router[Name] extends AppRoute
    ? {
        method: Router[Name]['method'];
        path: Router[Name]['path'];
        responses: object;
        metadata: { auth: RouteAuth };
      }
    : RouteTable<Router[Name]>;
};
