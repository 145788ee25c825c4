/**
 * Who may call a route: an API key (or a console session), the admin token (or an operator's
 * session), anyone, an API key or a signed link, or only a signed-in console user.
 */
export type RouteAuth = 'api-key' | 'admin' | 'none' | 'api-key-or-signed-link' | 'session';

/** Metadata every route carries; the server, the CLI and the OpenAPI document read it. */
export interface RouteMetadata {
  auth: RouteAuth;
  /** The action name, for routes of the actions API. */
  action?: string;
  /** CLI flag names that differ from the kebab-cased field name (`timeoutMs` → `timeout`). */
  cliFlags?: Record<string, string>;
  /** Request fields the CLI does not expose as flags. */
  cliHidden?: string[];
  /**
   * A working request, for the OpenAPI document and the docs' curl examples. A contract test parses
   * each part with the route's own schemas, so the examples cannot drift from what the server accepts.
   */
  example?: RouteExample;
}

/** Example values of a request: path parameters, query string and JSON body. */
export interface RouteExample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
}

export function routeMetadata(metadata: RouteMetadata): RouteMetadata {
  return metadata;
}
