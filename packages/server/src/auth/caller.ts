import type { WorkspaceRow } from '../store/workspace-repository.js';

/** Who made an API request: the key and the workspace it belongs to. */
export interface Caller {
  keyId: string;
  keyName: string | null;
  keyPrefix: string;
  keyCreatedAt: number;
  /** The key's own workspace; requests use it unless they name another of the owner's. */
  workspace: WorkspaceRow;
}
