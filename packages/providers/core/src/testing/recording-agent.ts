import { MockAgent } from 'undici';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * An undici MockAgent that refuses any request it was not told to expect and records what each
 * expected request carried, so tests can assert what was sent as well as what came back.
 */
export function createRecordingAgent() {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: RecordedRequest[] = [];
  /** Answers the next matching request with the status and body (a string is sent as is). */
  const reply = (
    origin: string,
    method: string,
    path: string,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) =>
    agent
      .get(origin)
      .intercept({ method, path })
      .reply(
        status,
        (request) => {
          seen.push({
            method: request.method,
            path: request.path,
            headers: request.headers as Record<string, string>,
            body: request.body ? JSON.parse(String(request.body)) : undefined,
          });
          return typeof body === 'string' ? body : JSON.stringify(body);
        },
        { headers },
      );
  return { agent, seen, reply };
}
