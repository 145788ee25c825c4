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
      FAL_KEY: falTestKey,
      FAL_QUEUE_URL: fal.url,
      FAL_JWKS_URL: fal.jwksUrl,
    },
    async close() {
      await Promise.all([kie.close(), fal.close()]);
    },
  };
}
