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

/** kie's Sora 2 reports progress while it runs; most kie models, like Seedance 2, do not. */
export const kieProgressModel = 'sora-2-text-to-video';
export const kiePlainModel = 'bytedance/seedance-2';

export const kieCreateBody = (prompt: string, model = kieProgressModel) => ({
  provider: 'kie',
  model,
  scene: 'text-to-video',
  prompt,
});
