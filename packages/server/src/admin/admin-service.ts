import { GatewayError, notFound } from '../engine/gateway-error.js';
import { type ApiKeyRow, insertApiKey, listApiKeys, revokeApiKey } from '../store/key-repository.js';
import { appendLedgerEntry, type LedgerRow } from '../store/ledger-repository.js';
import type { Store } from '../store/store.js';
import {
  findWorkspace,
  findWorkspaceByName,
  insertWorkspace,
  listWorkspaces,
  type WorkspaceRow,
} from '../store/workspace-repository.js';

/** Operator actions on workspaces, keys and credits: the admin API and `ads-server` both call these. */
export class AdminService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    /** Told when a key is revoked, so caches forget it at once. */
    private readonly onRevoke: (keyId: string) => void = () => {},
  ) {}

  listWorkspaces(): Promise<WorkspaceRow[]> {
    return listWorkspaces(this.store.db);
  }

  private async requireWorkspace(id: string): Promise<WorkspaceRow> {
    const workspace = await findWorkspace(this.store.db, id);
    if (!workspace) throw notFound(`No workspace "${id}".`);
    return workspace;
  }

  async createWorkspace(request: { name: string; credits: number; ownerWorkspaceId?: string | undefined }) {
    const owner = request.ownerWorkspaceId
      ? await this.requireWorkspace(request.ownerWorkspaceId)
      : undefined;
    return this.store.transaction((executor) =>
      insertWorkspace(executor, {
        name: request.name,
        ownerId: owner?.owner_id,
        credits: request.credits,
        now: this.now(),
      }),
    );
  }

  /** The workspace with this id or name; created (with `credits`) when there is none. */
  async workspaceNamed(
    nameOrId: string,
    credits: number,
  ): Promise<{ workspace: WorkspaceRow; created: boolean }> {
    const existing =
      (await findWorkspace(this.store.db, nameOrId)) ?? (await findWorkspaceByName(this.store.db, nameOrId));
    if (existing) return { workspace: existing, created: false };
    return { workspace: await this.createWorkspace({ name: nameOrId, credits }), created: true };
  }

  async addCredits(
    workspaceId: string,
    amount: number,
    note?: string,
  ): Promise<{ workspace: WorkspaceRow; entry: LedgerRow }> {
    if (!Number.isSafeInteger(amount) || amount <= 0) {
      throw new GatewayError({ code: 'invalid_request', message: 'amount must be a whole number above 0.' });
    }
    await this.requireWorkspace(workspaceId);
    const entry = await this.store.transaction((executor) =>
      appendLedgerEntry(executor, {
        workspaceId,
        kind: 'top_up',
        amount,
        note: note ?? null,
        now: this.now(),
      }),
    );
    return { workspace: await this.requireWorkspace(workspaceId), entry };
  }

  listKeys(workspaceId?: string): Promise<ApiKeyRow[]> {
    return listApiKeys(this.store.db, workspaceId);
  }

  async createKey(workspaceId: string, name?: string): Promise<{ row: ApiKeyRow; apiKey: string }> {
    await this.requireWorkspace(workspaceId);
    return insertApiKey(this.store.db, { workspaceId, name, now: this.now() });
  }

  async revokeKey(keyId: string): Promise<ApiKeyRow> {
    const row = await revokeApiKey(this.store.db, keyId, this.now());
    if (!row) throw notFound(`No API key "${keyId}".`);
    this.onRevoke(keyId);
    return row;
  }
}
