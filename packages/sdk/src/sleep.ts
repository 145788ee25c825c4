import { UserAbortError } from './errors/user-abort-error.js';

function abortError(signal: AbortSignal): UserAbortError {
  return new UserAbortError('The request was aborted.', { cause: signal.reason });
}

/** Waits `ms`, or rejects with UserAbortError as soon as the signal fires; never leaves a timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export { abortError };
