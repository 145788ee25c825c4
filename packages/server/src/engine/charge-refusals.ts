import type { SpendPeriod } from '@ads/contract';
import type { PeriodSpan } from '../store/key-limit-repository.js';
import { GatewayError } from './gateway-error.js';

/** The 402 of a balance that does not cover the price: the create's, and the quote's refusal. */
export function insufficientCredits(price: number, balance: number, workspaceId: string): GatewayError {
  return new GatewayError({
    code: 'insufficient_credits',
    message: `This task costs ${price} credits but the workspace has ${balance}. Ask an operator to top it up (ads-server credits add).`,
    details: { balance, price, workspaceId },
  });
}

/** The 402 of a key past its spend limit: the limit, what it spent, and when the period resets. */
export function spendLimitExceeded(
  price: number,
  spend: { limit: number; period: SpendPeriod; spent: number; span: PeriodSpan },
): GatewayError {
  const resetsAt = new Date(spend.span.endsAt).toISOString();
  return new GatewayError({
    code: 'spend_limit_exceeded',
    message: `This task costs ${price} credits, and this API key has spent ${spend.spent} of its ${spend.limit} credits this ${spend.period} (resets ${resetsAt}). Wait for the reset, or ask an operator to raise the key's limit (ads-server keys update --spend-limit).`,
    details: { price, limit: spend.limit, spent: spend.spent, period: spend.period, resets_at: resetsAt },
  });
}
