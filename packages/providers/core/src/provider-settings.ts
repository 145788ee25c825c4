import type { HttpClientSettings } from './http/http-client.js';

/** The settings every provider takes beside its own credentials and URLs. */
export interface ProviderSettings {
  /** Extra headers on every upstream request. */
  headers?: Record<string, string>;
  /** The HTTP client's dispatcher (inject undici's MockAgent in tests), timeout and read retries. */
  http?: HttpClientSettings;
  /** Clock in milliseconds, for webhook timestamps and caches. */
  now?: () => number;
}
