/** Who may call a route: an API key, the admin token, or anyone. */
export type RouteAuth = 'api-key' | 'admin' | 'none';

/** Metadata every route carries; the server, the CLI and the OpenAPI document read it. */
export interface RouteMetadata {
  auth: RouteAuth;
  /** The action name, for routes of the actions API. */
  action?: string;
  /** CLI flag names that differ from the kebab-cased field name (`timeoutMs` → `timeout`). */
  cliFlags?: Record<string, string>;
  /** Request fields the CLI does not expose as flags. */
  cliHidden?: string[];
}

export function routeMetadata(metadata: RouteMetadata): RouteMetadata {
  return metadata;
}
