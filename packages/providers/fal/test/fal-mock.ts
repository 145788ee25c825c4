import { createRecordingAgent } from '@ads/provider/testing';
import { createFal } from '../src/index.js';

export const queueOrigin = 'https://queue.fal.test';
export const restOrigin = 'https://rest.fal.test';

/** A fal provider on a recording MockAgent. */
export function mockedFal(now: () => number = Date.now) {
  const { agent, seen, reply } = createRecordingAgent();
  const provider = createFal({
    apiKey: 'fal-test-key',
    queueURL: queueOrigin,
    jwksURL: `${restOrigin}/.well-known/jwks.json`,
    http: { dispatcher: agent },
    now,
  });
  return { agent, provider, seen, reply };
}
