import { createConsoleClient } from '@ads/sdk/console';

/** The console's one client: same origin, the session cookie as its credential. */
export const api = createConsoleClient({ baseUrl: window.location.origin, maxRetries: 1 });

/** What an error says to a person: the gateway's own message, else the error's. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Whether a failed call means "not signed in". */
export function isSignedOut(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { status?: number }).status === 401;
}
