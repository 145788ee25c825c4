import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

export function healthRouter({ engine, runner, accepting, schemaCurrent }: GatewayServices) {
  return server.router(contract.health, {
    health: async () => ({ status: 200, body: { status: 'ok' as const } }),
    ready: async () => {
      const store = await engine.context.store
        .ping()
        .then(() => 'ok' as const)
        .catch(() => 'failing' as const);
      const schema = await schemaCurrent()
        .then((current) => (current ? ('ok' as const) : ('failing' as const)))
        .catch(() => 'failing' as const);
      const checks = {
        store,
        schema,
        runner: runner.isRunning ? ('ok' as const) : ('failing' as const),
        accepting: accepting() ? ('ok' as const) : ('failing' as const),
      };
      const ready = Object.values(checks).every((check) => check === 'ok');
      const body = { status: ready ? ('ready' as const) : ('not_ready' as const), checks };
      return ready ? { status: 200 as const, body } : { status: 503 as const, body };
    },
  });
}
