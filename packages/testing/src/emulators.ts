import { type FalEmulator, type FalEmulatorOptions, startFalEmulator } from '@ads/provider-fal/emulator';
import { type KieEmulator, type KieEmulatorOptions, startKieEmulator } from '@ads/provider-kie/emulator';

export interface Emulators {
  kie: KieEmulator;
  fal: FalEmulator;
  /** What a gateway needs to talk to them. */
  environment: Record<string, string>;
  close(): Promise<void>;
}

export const kieTestKey = 'kie-test-key';
export const falTestKey = 'fal-test-key-id:fal-test-key-secret';

/**
 * What the gateway is told of the kie account's limits: the emulated account's own, as an operator
 * sets them when kie support raised theirs (kie's documented 20 per 10 s and 10/s otherwise).
 */
function kieLimitEnvironment(options: KieEmulatorOptions | undefined): Record<string, string> {
  const per = (limit: { limit: number; windowMs: number }, windowMs: number) =>
    String(Math.max(1, Math.floor((limit.limit * windowMs) / limit.windowMs)));
  return {
    ...(options?.submitLimit ? { KIE_SUBMITS_PER_10S: per(options.submitLimit, 10_000) } : {}),
    ...(options?.statusLimit ? { KIE_READS_PER_SECOND: per(options.statusLimit, 1000) } : {}),
  };
}

/** The kie and fal emulators on loopback, with the keys a gateway must send. */
export async function startEmulators(
  options: { kie?: KieEmulatorOptions; fal?: FalEmulatorOptions } = {},
): Promise<Emulators> {
  const kie = await startKieEmulator({ apiKey: kieTestKey, jobMs: 600, ...options.kie });
  const fal = await startFalEmulator({ apiKey: falTestKey, jobMs: 600, ...options.fal });
  return {
    kie,
    fal,
    environment: {
      KIE_API_KEY: kieTestKey,
      KIE_BASE_URL: kie.url,
      KIE_UPLOAD_BASE_URL: kie.url,
      ...kieLimitEnvironment(options.kie),
      FAL_KEY: falTestKey,
      FAL_QUEUE_URL: fal.url,
      FAL_REST_URL: fal.url,
      FAL_JWKS_URL: fal.jwksUrl,
    },
    async close() {
      await Promise.all([kie.close(), fal.close()]);
    },
  };
}
