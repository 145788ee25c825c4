import type { SpendPeriod } from '@ads/contract';
import type { WorkspaceRow } from '../store/workspace-repository.js';

/** The limits an operator set on the key (each undefined when off). */
export interface KeyLimits {
  spend?: { limit: number; period: SpendPeriod };
  rate?: { count: number; windowMs: number; text: string };
}

/** The person behind a console session. */
export interface SessionUser {
  id: string;
  email: string;
  role: 'user' | 'operator';
}

/** Who made an API request: the key (or the signed-in console user) and the workspace it belongs to. */
export interface Caller {
  /** Null for a console session, which is no key. */
  keyId: string | null;
  keyName: string | null;
  keyPrefix: string;
  keyCreatedAt: number;
  limits: KeyLimits;
  /** The key's own workspace; requests use it unless they name another of the owner's. */
  workspace: WorkspaceRow;
  /** Set for a console session. */
  user?: SessionUser;
}

/** Who did it, for the audit log and per-credential shares: `key:<id>` or `user:<id>`. */
export function auditActor(caller: Caller): string {
  return caller.keyId ? `key:${caller.keyId}` : `user:${caller.user?.id}`;
}
