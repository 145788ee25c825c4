import type { Contract } from '@ads/contract';
import { type AppRoute, type ClientInferRequest, initClient } from '@ts-rest/core';
import type { ApiPromise } from '../api-promise.js';
import { once, read, type SuccessBody, unwrap } from '../call.js';
import { type AdsClient, type ClientOptions, createClient } from '../client.js';
import type { ConsoleContract } from '../route-table.js';
import { createTransport, type RequestOptions } from '../transport.js';
import { consoleRoutes } from './routes.generated.js';

type Session = Contract['session'];
type Keys = Contract['keys'];
type Users = Contract['users'];
type Usage = Contract['usage'];
type Body<Route extends AppRoute> = ClientInferRequest<Route> extends { body: infer B } ? B : never;

export interface ConsoleClientOptions extends Omit<ClientOptions, 'apiKey' | 'adminToken'> {}

/**
 * The client of a signed-in browser: the whole SDK, authorised by the session cookie instead of a
 * key (the browser sends it; this code never sees it), with the session's CSRF token on every call
 * that changes something. `setCsrfToken` sets the token after sign-in.
 */
export interface ConsoleClient extends AdsClient {
  setCsrfToken(token: string | undefined): void;
  session: {
    signIn(
      body: Body<Session['signIn']>,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Session['signIn']>>;
    get(options?: RequestOptions): ApiPromise<SuccessBody<Session['getSession']>>;
    signOut(options?: RequestOptions): ApiPromise<SuccessBody<Session['signOut']>>;
    acceptInvite(
      body: Body<Session['acceptInvite']>,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Session['acceptInvite']>>;
  };
  /** The signed-in user's API keys ("Settings → API Keys"). */
  keys: {
    list(workspaceId?: string, options?: RequestOptions): ApiPromise<SuccessBody<Keys['listKeys']>>;
    create(
      body: Body<Keys['createKey']>,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Keys['createKey']>>;
    revoke(id: string, options?: RequestOptions): ApiPromise<SuccessBody<Keys['revokeKey']>>;
  };
  /** Console users, for an operator. */
  users: {
    list(options?: RequestOptions): ApiPromise<SuccessBody<Users['listUsers']>>;
    create(
      body: Body<Users['createUser']>,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Users['createUser']>>;
    invite(
      body: Body<Users['inviteUser']>,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Users['inviteUser']>>;
    update(
      id: string,
      body: Body<Users['updateUser']>,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Users['updateUser']>>;
  };
  usage: {
    get(
      query?: ClientInferRequest<Usage['getUsage']>['query'],
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Usage['getUsage']>>;
  };
}

export function createConsoleClient(options: ConsoleClientOptions): ConsoleClient {
  // One headers object, read at every call: the CSRF token set after sign-in reaches every request.
  const headers: Record<string, string> = { ...options.headers };
  const client = createClient({ ...options, headers });
  const raw = initClient(consoleRoutes as unknown as ConsoleContract, {
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    api: createTransport({
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 2,
      headers,
    }),
    validateResponse: false,
  });
  return {
    ...client,
    setCsrfToken: (token) => {
      if (token) headers['x-csrf-token'] = token;
      else delete headers['x-csrf-token'];
    },
    session: {
      signIn: (body, call) => unwrap(raw.session.signIn({ body, call: once(call) } as never)),
      get: (call) => unwrap(raw.session.getSession({ call: read(call) } as never)),
      signOut: (call) => unwrap(raw.session.signOut({ call: once(call) } as never)),
      acceptInvite: (body, call) => unwrap(raw.session.acceptInvite({ body, call: once(call) } as never)),
    },
    keys: {
      list: (workspaceId, call) =>
        unwrap(raw.keys.listKeys({ query: { workspace_id: workspaceId }, call: read(call) } as never)),
      create: (body, call) => unwrap(raw.keys.createKey({ body, call: once(call) } as never)),
      revoke: (id, call) => unwrap(raw.keys.revokeKey({ params: { id }, call: once(call) } as never)),
    },
    users: {
      list: (call) => unwrap(raw.users.listUsers({ call: read(call) } as never)),
      create: (body, call) => unwrap(raw.users.createUser({ body, call: once(call) } as never)),
      invite: (body, call) => unwrap(raw.users.inviteUser({ body, call: once(call) } as never)),
      update: (id, body, call) =>
        unwrap(raw.users.updateUser({ params: { id }, body, call: once(call) } as never)),
    },
    usage: {
      get: (query, call) => unwrap(raw.usage.getUsage({ query, call: read(call) } as never)),
    },
  };
}

/** The contract's types the console's pages show, so it needs nothing but the SDK. */
export type {
  ApiKeyInfo,
  LedgerEntry,
  ModelInfo,
  RestTask,
  SceneId,
  Session,
  TaskStatus,
  Usage,
  User,
  WebhookDelivery,
  Workspace,
} from '@ads/contract';
