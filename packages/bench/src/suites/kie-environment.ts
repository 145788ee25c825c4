import type { KieHostOptions } from '../hosts/host-protocol.js';

export const benchKieKey = 'bench-kie-key';
export const benchWebhookKey = 'bench-webhook-hmac-key';

/** The environment that starts a kie host whose jobs run for [min, max] ms (seeded per job index). */
export function kieHostEnvironment(
  jobMs: { min: number; max: number },
  webhooks = false,
): Record<string, string> {
  const options: KieHostOptions = {
    apiKey: benchKieKey,
    jobMs: { ...jobMs, seed: 20261121 },
    ...(webhooks ? { webhookHmacKey: benchWebhookKey } : {}),
  };
  return { ADS_BENCH_KIE: JSON.stringify(options) };
}
