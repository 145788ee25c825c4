import { createRecordingAgent } from '@ads/provider/testing';
import { createKie } from '../src/index.js';

export const kieOrigin = 'https://api.kie.test';

/** A kie provider on a recording MockAgent. */
export function mockedKie(options: { webhookHmacKey?: string; now?: () => number } = {}) {
  const { agent, seen, reply } = createRecordingAgent();
  const provider = createKie({
    apiKey: 'kie-test-key',
    baseURL: kieOrigin,
    http: { dispatcher: agent },
    ...options,
  });
  return {
    agent,
    provider,
    seen,
    reply: (method: string, path: string, status: number, body: unknown, headers?: Record<string, string>) =>
      reply(kieOrigin, method, path, status, body, headers),
  };
}
