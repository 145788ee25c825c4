import type { Caller } from '../auth/caller.js';
import type { Price } from '../pricing/price-book.js';
import { keySpent, spendPeriodAt } from '../store/key-limit-repository.js';
import type { WorkspaceRow } from '../store/workspace-repository.js';
import { insufficientCredits, spendLimitExceeded } from './charge-refusals.js';
import type { EngineContext } from './engine-context.js';
import type { GatewayError } from './gateway-error.js';
import type { GenerationPlan } from './plan-generation.js';

/** What a create with the same request would reserve now, and the 402 it would answer with, if any. */
export interface QuoteResult {
  plan: GenerationPlan;
  price: Price;
  workspace: WorkspaceRow;
  refusal: GatewayError | undefined;
}

/** The refusal a create would meet now: the balance first, then the key's spend limit. Reads only. */
export async function quoteRefusal(
  context: EngineContext,
  caller: Caller,
  workspace: WorkspaceRow,
  price: number,
): Promise<GatewayError | undefined> {
  const balance = Number(workspace.balance);
  if (balance < price) return insufficientCredits(price, balance, workspace.id);
  const spend = caller.limits.spend;
  if (!spend || price <= 0 || caller.keyId === null) return undefined;
  const span = spendPeriodAt(spend.period, context.now());
  const spent = await keySpent(context.store.db, caller.keyId, span);
  return spent + price > spend.limit ? spendLimitExceeded(price, { ...spend, span, spent }) : undefined;
}
