import type { Response } from 'express';

/** Aborts when the client hangs up before its answer is sent: what a request's upstream calls listen to. */
export function clientGone(response: Response): AbortSignal {
  const controller = new AbortController();
  response.on('close', () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
