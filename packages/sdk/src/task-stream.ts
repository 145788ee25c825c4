import { EventSourceParserStream } from 'eventsource-parser/stream';
import type { ActionTaskResult } from './resources/actions.js';

/** What the client's streams are sent with: where the gateway is, its fetch, the key's headers. */
export interface StreamSettings {
  baseUrl: string;
  fetch: typeof fetch;
  headers: () => Record<string, string>;
}

/** One event of a task's stream: its id (resume after it with Last-Event-ID) and the task. */
export interface TaskStreamEvent {
  id: string;
  task: ActionTaskResult;
}

/** The stream could not be opened or read: the caller falls back to polling. */
export class StreamUnavailable extends Error {}

/** Whether this runtime can read a response body as a stream of text (browsers, Node 18+, workers). */
export const canStream = () =>
  typeof ReadableStream === 'function' &&
  typeof TextDecoderStream === 'function' &&
  typeof TransformStream === 'function';

/**
 * Opens `GET /v1/tasks/{id}/events?view=action` and yields each task event until the stream ends
 * (after the terminal event, or when the gateway goes away: the caller resumes with `lastEventId`).
 */
export async function* taskStream(
  settings: StreamSettings,
  taskId: string,
  options: { workspaceId?: string | undefined; lastEventId?: string | undefined; signal: AbortSignal },
): AsyncGenerator<TaskStreamEvent> {
  const query = new URLSearchParams({ view: 'action' });
  if (options.workspaceId) query.set('workspace_id', options.workspaceId);
  let response: Response;
  try {
    response = await settings.fetch(
      `${settings.baseUrl.replace(/\/+$/, '')}/v1/tasks/${encodeURIComponent(taskId)}/events?${query}`,
      {
        headers: {
          ...settings.headers(),
          accept: 'text/event-stream',
          ...(options.lastEventId ? { 'last-event-id': options.lastEventId } : {}),
        },
        signal: options.signal,
      },
    );
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new StreamUnavailable('the event stream could not be opened', { cause: error });
  }
  // 204: the task ended before the last event the caller saw; nothing more will come.
  if (response.status === 204) return;
  const type = response.headers.get('content-type') ?? '';
  if (response.status !== 200 || !type.startsWith('text/event-stream') || !response.body) {
    await response.body?.cancel().catch(() => {});
    throw new StreamUnavailable(`the gateway answered ${response.status} ${type || 'without a type'}`);
  }
  const events = response.body
    .pipeThrough(new TextDecoderStream())
    .pipeThrough(new EventSourceParserStream());
  const reader = events.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      if (value.event !== 'task' || !value.id) continue;
      yield { id: value.id, task: JSON.parse(value.data) as ActionTaskResult };
    }
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new StreamUnavailable('the event stream broke off', { cause: error });
  } finally {
    reader.cancel().catch(() => {});
  }
}
