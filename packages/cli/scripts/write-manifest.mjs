// Writes dist/cli-manifest.json: the flags of every action and route, read off the contract's zod
// schemas at build time, so `ads --help` needs neither zod nor the contract at run time.
import { writeFileSync } from 'node:fs';
import { actionFlags, actionRegistry, contract, routeFlags } from '@ads/contract';

function collectRoutes(router, prefix = []) {
  return Object.entries(router).flatMap(([name, entry]) =>
    'method' in entry && 'path' in entry
      ? [[[...prefix, name].join('.'), entry]]
      : collectRoutes(entry, [...prefix, name]),
  );
}

const manifest = {
  actions: Object.fromEntries(
    [...actionRegistry.values()].map((definition) => [
      definition.name,
      { description: definition.description, flags: actionFlags(definition) },
    ]),
  ),
  routes: Object.fromEntries(
    collectRoutes(contract).map(([id, route]) => [
      id,
      {
        method: route.method,
        path: route.path,
        summary: route.summary ?? '',
        description: route.description ?? '',
        auth: route.metadata?.auth ?? 'none',
        flags: routeFlags(route),
      },
    ]),
  ),
};

writeFileSync(
  new URL('../dist/cli-manifest.json', import.meta.url),
  `${JSON.stringify(manifest, null, 2)}\n`,
);
