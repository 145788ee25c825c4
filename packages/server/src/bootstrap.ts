import { insertApiKey } from './store/key-repository.js';
import type { Store } from './store/store.js';
import { countWorkspaces, insertWorkspace } from './store/workspace-repository.js';

export interface FirstKey {
  apiKey: string;
  workspaceId: string;
  credits: number;
}

/**
 * On a first start with an empty store: one workspace with starter credits and one API key, which is
 * returned so it can be printed this once. Returns undefined when the store already has workspaces.
 */
export async function bootstrapEmptyStore(
  store: Store,
  credits: number,
  now: number,
): Promise<FirstKey | undefined> {
  return store.transaction(async (executor) => {
    if ((await countWorkspaces(executor)) > 0) return undefined;
    const workspace = await insertWorkspace(executor, {
      name: 'default',
      credits,
      note: 'starter credits',
      now,
    });
    const { apiKey } = await insertApiKey(executor, { workspaceId: workspace.id, name: 'first key', now });
    return { apiKey, workspaceId: workspace.id, credits };
  });
}
