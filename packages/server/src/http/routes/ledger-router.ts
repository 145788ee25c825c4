import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { GatewayError } from '../../engine/gateway-error.js';
import { pageLedger } from '../../store/ledger-repository.js';
import { callerOf } from '../authenticate-route.js';
import { ledgerEntryView } from '../views/account-views.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

/** A page cursor is the sequence of the last entry shown. */
function sequenceOf(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  if (!/^\d{1,15}$/.test(cursor)) {
    throw new GatewayError({
      code: 'invalid_request',
      message: 'cursor is not a next_cursor this gateway gave; start again without it.',
      issues: [{ path: 'cursor', message: 'not a ledger cursor' }],
    });
  }
  return Number(cursor);
}

export function ledgerRouter({ engine }: GatewayServices) {
  return server.router(contract.ledger, {
    listLedger: async ({ query, res }) => {
      const workspace = await engine.workspaceFor(callerOf(res), query.workspace_id);
      const rows = await pageLedger(engine.context.store.db, {
        workspaceId: workspace.id,
        before: sequenceOf(query.cursor),
        kind: query.kind,
        taskId: query.task_id,
        limit: query.limit + 1,
      });
      const entries = rows.slice(0, query.limit);
      const last = entries.at(-1);
      return {
        status: 200,
        body: {
          object: 'list' as const,
          data: entries.map(ledgerEntryView),
          has_more: rows.length > query.limit,
          next_cursor: rows.length > query.limit && last ? String(last.sequence) : null,
        },
      };
    },
  });
}
