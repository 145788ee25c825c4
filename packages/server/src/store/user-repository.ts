import { randomUUID } from 'node:crypto';
import type { UserInvitesTable, UserSessionsTable, UsersTable, WorkspacesTable } from './database.js';
import type { Executor } from './store.js';

export type UserRow = UsersTable;
export type SessionRow = UserSessionsTable;
export type InviteRow = UserInvitesTable;

export async function insertUser(
  executor: Executor,
  user: Omit<UserRow, 'id' | 'disabled_at'>,
): Promise<UserRow> {
  const row: UserRow = {
    id: `usr_${randomUUID().replaceAll('-', '').slice(0, 20)}`,
    disabled_at: null,
    ...user,
  };
  await executor.insertInto('users').values(row).execute();
  return row;
}

export function findUserByEmail(executor: Executor, email: string): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUser(executor: Executor, id: string): Promise<UserRow | undefined> {
  return executor.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(executor: Executor): Promise<UserRow[]> {
  return executor.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function setUserDisabled(
  executor: Executor,
  id: string,
  disabledAt: number | null,
): Promise<void> {
  await executor.updateTable('users').set({ disabled_at: disabledAt }).where('id', '=', id).execute();
  if (disabledAt !== null) await executor.deleteFrom('user_sessions').where('user_id', '=', id).execute();
}

export async function insertSession(executor: Executor, session: SessionRow): Promise<void> {
  await executor.insertInto('user_sessions').values(session).execute();
}

/** The live session with this token hash, with its user and the user's workspace. */
export async function findSession(
  executor: Executor,
  tokenHash: string,
  now: number,
): Promise<{ session: SessionRow; user: UserRow; workspace: WorkspacesTable } | undefined> {
  const row = await executor
    .selectFrom('user_sessions')
    .innerJoin('users', 'users.id', 'user_sessions.user_id')
    .innerJoin('workspaces', 'workspaces.id', 'users.workspace_id')
    .selectAll('user_sessions')
    .select([
      'users.email',
      'users.password_hash',
      'users.workspace_id',
      'users.role',
      'users.created_at as user_created_at',
      'users.disabled_at',
      'workspaces.name as workspace_name',
      'workspaces.owner_id',
      'workspaces.balance',
      'workspaces.created_at as workspace_created_at',
    ])
    .where('user_sessions.token_hash', '=', tokenHash)
    .where('user_sessions.expires_at', '>', now)
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return undefined;
  return {
    session: {
      token_hash: row.token_hash,
      user_id: row.user_id,
      csrf_token: row.csrf_token,
      created_at: row.created_at,
      expires_at: row.expires_at,
    },
    user: {
      id: row.user_id,
      email: row.email,
      password_hash: row.password_hash,
      workspace_id: row.workspace_id,
      role: row.role,
      created_at: row.user_created_at,
      disabled_at: row.disabled_at,
    },
    workspace: {
      id: row.workspace_id,
      name: row.workspace_name,
      owner_id: row.owner_id,
      balance: row.balance,
      created_at: row.workspace_created_at,
    },
  };
}

/** Ends a session, and every expired one on the way. */
export async function deleteSession(executor: Executor, tokenHash: string, now: number): Promise<void> {
  await executor
    .deleteFrom('user_sessions')
    .where((builder) => builder.or([builder('token_hash', '=', tokenHash), builder('expires_at', '<=', now)]))
    .execute();
}

export async function insertInvite(executor: Executor, invite: InviteRow): Promise<void> {
  await executor.insertInto('user_invites').values(invite).execute();
}

/** Takes an unused, unexpired invite: once only, even when two accepts race. */
export async function takeInvite(
  executor: Executor,
  tokenHash: string,
  now: number,
): Promise<InviteRow | undefined> {
  const result = await executor
    .updateTable('user_invites')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return executor
    .selectFrom('user_invites')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}
