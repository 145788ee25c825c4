/** JSON over HTTP to a gateway with an API key; throws on an unexpected status. */
export async function callJson<T>(
  url: string,
  apiKey: string,
  options: { method?: string; body?: unknown; expect?: number } = {},
): Promise<T> {
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  if (response.status !== (options.expect ?? 200)) {
    throw new Error(`${options.method ?? 'GET'} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text) as T;
}

export interface TaskAnswer {
  id: string;
  status: string;
  finished_at: string | null;
}

export const kieCreateBody = (prompt: string) => ({
  provider: 'kie',
  model: 'sora-2-text-to-video',
  scene: 'text-to-video',
  prompt,
});
