import { OutboundFetchError } from '@ads/provider';
import type { EngineContext } from '../engine-context.js';
import { GatewayError } from '../gateway-error.js';

/**
 * Checks a URL the gateway will call later (a webhook endpoint, a callback) when it is given: it must
 * be http(s) and resolve to public addresses only. The sender's own connect-time checks still apply
 * on every attempt (a name can resolve elsewhere later).
 */
export async function checkClientUrl(context: EngineContext, url: string, field: string): Promise<void> {
  try {
    await context.clientFetcher.checkResolved(url);
  } catch (error) {
    if (!OutboundFetchError.isInstance(error)) throw error;
    throw new GatewayError({
      code: 'invalid_request',
      message: `${field}: ${error.message}. Give a URL the gateway can reach on the public internet.`,
      details: { field, refusal: error.refusal },
    });
  }
}
