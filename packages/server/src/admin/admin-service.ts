import { parseRateLimit, type SpendPeriod, spendPeriods } from '@ads/contract';
import { GatewayError, notFound } from '../engine/gateway-error.js';
import type { PriceSource } from '../pricing/price-book.js';
import { recountKeySpend, spendPeriodAt } from '../store/key-limit-repository.js';
import {
  type ApiKeyRow,
  findApiKey,
  insertApiKey,
  type KeyLimitColumns,
  listApiKeys,
  revokeApiKey,
  updateKeyLimits,
} from '../store/key-repository.js';
import { appendLedgerEntry, type LedgerRow } from '../store/ledger-repository.js';
import type { Store } from '../store/store.js';
import {
  findWorkspace,
  findWorkspaceByName,
  insertWorkspace,
  listWorkspaces,
  type WorkspaceRow,
} from '../store/workspace-repository.js';

/** A change of a key's limits: a field left out stays as it is, null turns its limit off. */
export interface KeyLimitsChange {
  spend_limit?: number | null | undefined;
  spend_period?: SpendPeriod | null | undefined;
  rate_limit?: string | null | undefined;
}

const invalidLimit = (message: string, path: string) =>
  new GatewayError({ code: 'invalid_request', message, issues: [{ path, message }] });

/** The key's limits after `change`, checked: a spend limit needs a period, a rate reads like 60/min. */
function changedLimits(current: KeyLimitColumns | undefined, change: KeyLimitsChange): KeyLimitColumns {
  const spendLimit = change.spend_limit === undefined ? (current?.spend_limit ?? null) : change.spend_limit;
  const period = change.spend_period === undefined ? (current?.spend_period ?? null) : change.spend_period;
  const rate = change.rate_limit === undefined ? (current?.rate_limit ?? null) : change.rate_limit;
  if (spendLimit !== null && (!Number.isSafeInteger(spendLimit) || spendLimit < 0)) {
    throw invalidLimit('the spend limit must be a whole number of credits, 0 or more', 'spend_limit');
  }
  if (spendLimit !== null && !period) {
    throw invalidLimit('a spend limit needs its period: day or month (--period)', 'spend_period');
  }
  if (period !== null && !(spendPeriods as readonly string[]).includes(period)) {
    throw invalidLimit(`the period must be day or month, not "${period}"`, 'spend_period');
  }
  if (rate !== null && !parseRateLimit(rate)) {
    throw invalidLimit(
      `the rate limit must look like 60/min (also /s, /h, /day), not "${rate}"`,
      'rate_limit',
    );
  }
  return { spend_limit: spendLimit, spend_period: spendLimit === null ? null : period, rate_limit: rate };
}

export interface AdminHooks {
  /** Told when a key is revoked or its limits change, so caches forget it at once. */
  onKeyChanged?: (keyId: string) => void;
  /** The price rules in force (the gateway's; unset for operator commands). */
  prices?: () => PriceSource;
}

/** Operator actions on workspaces, keys and credits: the admin API and `ads-server` both call these. */
export class AdminService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly hooks: AdminHooks = {},
  ) {}

  prices(): PriceSource | undefined {
    return this.hooks.prices?.();
  }

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

  async createKey(
    workspaceId: string,
    name?: string,
    limits: KeyLimitsChange = {},
  ): Promise<{ row: ApiKeyRow; apiKey: string }> {
    const columns = changedLimits(undefined, limits);
    await this.requireWorkspace(workspaceId);
    return insertApiKey(this.store.db, { workspaceId, name, now: this.now(), limits: columns });
  }

  /**
   * Changes a key's limits. A spend limit set or changed starts from what the key spent this period,
   * counted again from the ledger.
   */
  async updateKey(keyId: string, change: KeyLimitsChange): Promise<ApiKeyRow> {
    const current = await findApiKey(this.store.db, keyId);
    if (!current) throw notFound(`No API key "${keyId}".`);
    const columns = changedLimits(current, change);
    const row = await this.store.transaction(async (executor) => {
      await updateKeyLimits(executor, keyId, columns);
      if (columns.spend_limit !== null && columns.spend_period) {
        await recountKeySpend(
          executor,
          keyId,
          spendPeriodAt(columns.spend_period as SpendPeriod, this.now()),
        );
      }
      return findApiKey(executor, keyId);
    });
    this.hooks.onKeyChanged?.(keyId);
    return row ?? current;
  }

  findKey(keyId: string): Promise<ApiKeyRow | undefined> {
    return findApiKey(this.store.db, keyId);
  }

  async revokeKey(keyId: string): Promise<ApiKeyRow> {
    const row = await revokeApiKey(this.store.db, keyId, this.now());
    if (!row) throw notFound(`No API key "${keyId}".`);
    this.hooks.onKeyChanged?.(keyId);
    return row;
  }
}
