import { ledgerSum, listLedger } from '../../src/store/ledger-repository.js';
import type { Store } from '../../src/store/store.js';
import { findWorkspace } from '../../src/store/workspace-repository.js';

/** The ledger of a workspace, summarised: what every money test checks. */
export async function ledgerFacts(store: Store, workspaceId: string) {
  const entries = await listLedger(store.db, workspaceId);
  const workspace = await findWorkspace(store.db, workspaceId);
  const perTask = new Map<string, { reserves: number; refunds: number }>();
  for (const entry of entries) {
    if (!entry.task_id) continue;
    const counts = perTask.get(entry.task_id) ?? { reserves: 0, refunds: 0 };
    if (entry.kind === 'reserve') counts.reserves += 1;
    if (entry.kind === 'refund') counts.refunds += 1;
    perTask.set(entry.task_id, counts);
  }
  return {
    entries,
    sum: await ledgerSum(store.db, workspaceId),
    balance: Number(workspace?.balance),
    perTask,
  };
}
