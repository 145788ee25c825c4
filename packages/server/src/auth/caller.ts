import type { SpendPeriod } from '@ads/contract';
import type { WorkspaceRow } from '../store/workspace-repository.js';

/** The limits an operator set on the key (each undefined when off). */
export interface KeyLimits {
  spend?: { limit: number; period: SpendPeriod };
  rate?: { count: number; windowMs: number; text: string };
}

/** Who made an API request: the key and the workspace it belongs to. */
export interface Caller {
  keyId: string;
  keyName: string | null;
  keyPrefix: string;
  keyCreatedAt: number;
  limits: KeyLimits;
  /** The key's own workspace; requests use it unless they name another of the owner's. */
  workspace: WorkspaceRow;
}
