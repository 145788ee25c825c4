import type { ServerResponse } from 'node:http';
import type { Abandonment } from '../engine/task-events.js';

/** Aborts when the client hangs up before its answer is sent: what a request's upstream calls listen to. */
export function clientGone(response: ServerResponse): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

/**
 * The client hanging up, for a held wait: the answer's own `close`, without an AbortController
 * and its event target per request (a wait does not pass it on to an upstream call). A class, so
 * thousands held at once share its methods; one wait listens at a time.
 */
class ClientLeaving implements Abandonment {
  private onClose: (() => void) | undefined;

  constructor(private readonly response: ServerResponse) {}

  get aborted(): boolean {
    return this.response.closed && !this.response.writableFinished;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    this.removeEventListener();
    const { response } = this;
    this.onClose = () => {
      if (!response.writableFinished) listener();
    };
    response.once('close', this.onClose);
  }

  removeEventListener(): void {
    if (this.onClose) this.response.off('close', this.onClose);
    this.onClose = undefined;
  }
}

export const clientLeaving = (response: ServerResponse): Abandonment => new ClientLeaving(response);
