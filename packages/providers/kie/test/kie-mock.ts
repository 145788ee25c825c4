import { MockAgent } from 'undici';
import { createKie } from '../src/index.js';

export const kieOrigin = 'https://api.kie.test';

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A kie provider on a MockAgent that refuses any request not intercepted, and records what was sent. */
export function mockedKie(options: { webhookHmacKey?: string; now?: () => number } = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: SeenRequest[] = [];
  const provider = createKie({
    apiKey: 'kie-test-key',
    baseURL: kieOrigin,
    http: { dispatcher: agent, retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 2 } },
    ...options,
  });
  const pool = agent.get(kieOrigin);
  /** Answers the next request to the path with the given status and body, recording it. */
  const reply = (method: string, path: string | RegExp, status: number, body: unknown) =>
    pool
      .intercept({ method, path: (value) => (typeof path === 'string' ? value === path : path.test(value)) })
      .reply(status, (request) => {
        seen.push({
          method: request.method,
          path: request.path,
          headers: request.headers as Record<string, string>,
          body: request.body ? JSON.parse(String(request.body)) : undefined,
        });
        return typeof body === 'string' ? body : JSON.stringify(body);
      });
  return { agent, provider, seen, reply };
}
