import { contract, type Usage } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { dayMs, readUsage } from '../../store/usage-repository.js';
import { callerOf } from '../authenticate-route.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();
const dateOf = (day: number) => new Date(day * dayMs).toISOString().slice(0, 10);

export function usageRouter({ engine }: GatewayServices) {
  return server.router(contract.usage, {
    getUsage: async ({ query, res }) => {
      const workspace = await engine.workspaceFor(callerOf(res), query.workspace_id);
      const today = Math.floor(engine.context.now() / dayMs);
      const first = today - query.days + 1;
      const rows = await readUsage(engine.context.store.db, workspace.id, first * dayMs);
      const byDay = new Map(rows.days.map((row) => [row.day, row]));
      const days: Usage['days'] = [];
      for (let day = first; day <= today; day += 1) {
        const row = byDay.get(day);
        days.push({ date: dateOf(day), spent: row?.spent ?? 0, topped_up: row?.toppedUp ?? 0 });
      }
      return {
        status: 200,
        body: { workspace_id: workspace.id, since: dateOf(first), days, models: rows.models },
      };
    },
  });
}
