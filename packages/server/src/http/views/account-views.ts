import type { ApiKeyInfo, LedgerEntry, Workspace } from '@ads/contract';
import type { ApiKeyRow } from '../../store/key-repository.js';
import type { LedgerRow } from '../../store/ledger-repository.js';
import type { WorkspaceRow } from '../../store/workspace-repository.js';
import { iso } from './times.js';

export function workspaceView(row: WorkspaceRow): Workspace {
  return {
    id: row.id,
    name: row.name,
    owner_id: row.owner_id,
    balance: Number(row.balance),
    created_at: iso(row.created_at),
  };
}

export function apiKeyView(row: ApiKeyRow): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    workspace_id: row.workspace_id,
    created_at: iso(row.created_at),
    revoked_at: row.revoked_at === null ? null : iso(row.revoked_at),
    spend_limit: row.spend_limit === null ? null : Number(row.spend_limit),
    spend_period: (row.spend_period as ApiKeyInfo['spend_period']) ?? null,
    rate_limit: row.rate_limit ?? null,
    last_used_at: row.last_used_at === null || row.last_used_at === undefined ? null : iso(row.last_used_at),
  };
}

export function ledgerEntryView(row: LedgerRow): LedgerEntry {
  return {
    id: row.id,
    kind: row.kind,
    amount: Number(row.amount),
    task_id: row.task_id,
    note: row.note,
    created_at: iso(row.created_at),
  };
}
