import { randomUUID } from 'node:crypto';
import { generateApiKey, hashApiKey, keyPrefix } from '../auth/api-key.js';
import type { ApiKeysTable, WorkspacesTable } from './database.js';
import type { Executor } from './store.js';

export type ApiKeyRow = ApiKeysTable;

export interface KeyWithWorkspace {
  key: ApiKeyRow;
  workspace: WorkspacesTable;
}

/** A key's limits as its columns: each null when off. */
export type KeyLimitColumns = Pick<ApiKeyRow, 'spend_limit' | 'spend_period' | 'rate_limit'>;

/** Creates a key for a workspace; the returned `apiKey` is the only time the key exists in clear. */
export async function insertApiKey(
  executor: Executor,
  request: { workspaceId: string; name?: string | undefined; now: number; limits?: KeyLimitColumns },
): Promise<{ row: ApiKeyRow; apiKey: string }> {
  const apiKey = generateApiKey();
  const row: ApiKeyRow = {
    id: `key_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    workspace_id: request.workspaceId,
    name: request.name ?? null,
    prefix: keyPrefix(apiKey),
    hash: hashApiKey(apiKey),
    created_at: request.now,
    revoked_at: null,
    spend_limit: request.limits?.spend_limit ?? null,
    spend_period: request.limits?.spend_period ?? null,
    rate_limit: request.limits?.rate_limit ?? null,
    last_used_at: null,
  };
  await executor.insertInto('api_keys').values(row).execute();
  return { row, apiKey };
}

/** The key with this hash and its workspace, revoked or not. */
export async function findKeyByHash(executor: Executor, hash: string): Promise<KeyWithWorkspace | undefined> {
  const row = await executor
    .selectFrom('api_keys')
    .innerJoin('workspaces', 'workspaces.id', 'api_keys.workspace_id')
    .selectAll('api_keys')
    .select([
      'workspaces.name as workspace_name',
      'workspaces.owner_id as workspace_owner_id',
      'workspaces.balance as workspace_balance',
      'workspaces.created_at as workspace_created_at',
    ])
    .where('api_keys.hash', '=', hash)
    .executeTakeFirst();
  if (!row) return undefined;
  const { workspace_name, workspace_owner_id, workspace_balance, workspace_created_at, ...key } = row;
  return {
    key,
    workspace: {
      id: key.workspace_id,
      name: workspace_name,
      owner_id: workspace_owner_id,
      balance: workspace_balance,
      created_at: workspace_created_at,
    },
  };
}

export function listApiKeys(executor: Executor, workspaceId?: string): Promise<ApiKeyRow[]> {
  let query = executor.selectFrom('api_keys').selectAll();
  if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
  return query.orderBy('created_at').orderBy('id').execute();
}

/** Marks a key revoked (once; revoking again keeps the first time). Undefined when there is no such key. */
export async function revokeApiKey(
  executor: Executor,
  id: string,
  now: number,
): Promise<ApiKeyRow | undefined> {
  await executor
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
  return findApiKey(executor, id);
}

export function findApiKey(executor: Executor, id: string): Promise<ApiKeyRow | undefined> {
  return executor.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Notes that a key made a request: written at most once a minute per key. */
export async function touchApiKey(executor: Executor, id: string, now: number): Promise<void> {
  await executor
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((builder) =>
      builder.or([builder('last_used_at', 'is', null), builder('last_used_at', '<', now - 60_000)]),
    )
    .execute();
}

export async function updateKeyLimits(
  executor: Executor,
  id: string,
  limits: KeyLimitColumns,
): Promise<void> {
  await executor.updateTable('api_keys').set(limits).where('id', '=', id).execute();
}
