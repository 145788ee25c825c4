import type { Quote } from '@ads/contract';
import { publicModelId } from '@ads/provider';
import type { QuoteResult } from '../../engine/quote-task.js';

/** A quote as both surfaces show it. */
export function quoteView({ plan, price, workspace, refusal }: QuoteResult): Quote {
  const { basis } = price;
  return {
    object: 'video.quote',
    model: publicModelId(plan.entry),
    scene: plan.request.scene,
    workspace: workspace.id,
    credits: price.credits,
    balance: Number(workspace.balance),
    accepted: refusal === undefined,
    refusal: refusal
      ? {
          code: refusal.code as 'insufficient_credits' | 'spend_limit_exceeded',
          message: refusal.message,
          details: refusal.details ?? {},
        }
      : null,
    basis: {
      source: basis.source,
      rule: basis.rule ?? null,
      per: basis.per,
      rate: basis.rate,
      add: basis.add,
      minimum: basis.minimum,
      seconds: basis.seconds ?? null,
      open: basis.open,
    },
  };
}
