import { randomToken } from './auth/api-key.js';
import { hashPassword } from './auth/password.js';
import { insertApiKey } from './store/key-repository.js';
import type { Store } from './store/store.js';
import { insertUser } from './store/user-repository.js';
import { countWorkspaces, insertWorkspace } from './store/workspace-repository.js';

export interface FirstKey {
  apiKey: string;
  workspaceId: string;
  credits: number;
  /** The console's first user, an operator: shown this once, like the key. */
  user: { email: string; password: string };
}

/**
 * On a first start with an empty store: one workspace with starter credits, one API key and one
 * console user (an operator), returned so they can be printed this once. Returns undefined when
 * the store already has workspaces.
 */
export async function bootstrapEmptyStore(
  store: Store,
  first: { credits: number; userEmail: string },
  now: number,
): Promise<FirstKey | undefined> {
  // A store that has workspaces needs no first user: no password hash on every start.
  if ((await countWorkspaces(store.db)) > 0) return undefined;
  const password = randomToken(20);
  const passwordHash = await hashPassword(password);
  return store.transaction(async (executor) => {
    if ((await countWorkspaces(executor)) > 0) return undefined;
    const workspace = await insertWorkspace(executor, {
      name: 'default',
      credits: first.credits,
      note: 'starter credits',
      now,
    });
    const { apiKey } = await insertApiKey(executor, { workspaceId: workspace.id, name: 'first key', now });
    await insertUser(executor, {
      email: first.userEmail,
      password_hash: passwordHash,
      workspace_id: workspace.id,
      role: 'operator',
      created_at: now,
    });
    return {
      apiKey,
      workspaceId: workspace.id,
      credits: first.credits,
      user: { email: first.userEmail, password },
    };
  });
}
