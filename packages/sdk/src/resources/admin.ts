import type { Contract } from '@ads/contract';
import type { ClientInferRequest } from '@ts-rest/core';
import type { ApiPromise } from '../api-promise.js';
import { once, read, type SuccessBody, unwrap } from '../call.js';
import type { RawClient } from '../raw-client.js';
import type { RequestOptions } from '../transport.js';

type Routes = Contract['admin'];
export type CreateWorkspaceInput = ClientInferRequest<Routes['createWorkspace']>['body'];
export type AddCreditsInput = ClientInferRequest<Routes['addCredits']>['body'];
export type CreateKeyInput = ClientInferRequest<Routes['createKey']>['body'];
export type UpdateKeyInput = ClientInferRequest<Routes['updateKey']>['body'];
export type KeyListQuery = NonNullable<ClientInferRequest<Routes['listKeys']>['query']>;
export type ReconcileInput = ClientInferRequest<Routes['reconcileTask']>['body'];

/**
 * The operator's API, authorised by the client's `adminToken`. Nothing here is retried: a second
 * top-up or a second key is not what anyone asked for.
 */
export function adminResource(raw: RawClient) {
  return {
    workspaces: {
      list: (options?: RequestOptions): ApiPromise<SuccessBody<Routes['listWorkspaces']>> =>
        unwrap(raw.admin.listWorkspaces({ call: read(options) })),
      create: (
        body: CreateWorkspaceInput,
        options?: RequestOptions,
      ): ApiPromise<SuccessBody<Routes['createWorkspace']>> =>
        unwrap(raw.admin.createWorkspace({ body, call: once(options) })),
      addCredits: (
        workspaceId: string,
        body: AddCreditsInput,
        options?: RequestOptions,
      ): ApiPromise<SuccessBody<Routes['addCredits']>> =>
        unwrap(raw.admin.addCredits({ params: { id: workspaceId }, body, call: once(options) })),
    },
    keys: {
      list: (query?: KeyListQuery, options?: RequestOptions): ApiPromise<SuccessBody<Routes['listKeys']>> =>
        unwrap(raw.admin.listKeys({ query, call: read(options) })),
      create: (
        body: CreateKeyInput,
        options?: RequestOptions,
      ): ApiPromise<SuccessBody<Routes['createKey']>> =>
        unwrap(raw.admin.createKey({ body, call: once(options) })),
      /** Changes the key's spend limit or rate limit; a field left out stays, null turns it off. */
      update: (
        id: string,
        body: UpdateKeyInput,
        options?: RequestOptions,
      ): ApiPromise<SuccessBody<Routes['updateKey']>> =>
        unwrap(raw.admin.updateKey({ params: { id }, body, call: once(options) })),
      revoke: (id: string, options?: RequestOptions): ApiPromise<SuccessBody<Routes['revokeKey']>> =>
        unwrap(raw.admin.revokeKey({ params: { id }, call: once(options) })),
    },
    tasks: {
      /** The reconcile queue: tasks whose submit the provider never confirmed (credits held). */
      unconfirmed: (options?: RequestOptions): ApiPromise<SuccessBody<Routes['listUnconfirmedTasks']>> =>
        unwrap(raw.admin.listUnconfirmedTasks({ call: read(options) })),
      /** Resolves one, once: a refund, or the upstream job it created. */
      reconcile: (
        taskId: string,
        body: ReconcileInput,
        options?: RequestOptions,
      ): ApiPromise<SuccessBody<Routes['reconcileTask']>> =>
        unwrap(raw.admin.reconcileTask({ params: { id: taskId }, body, call: once(options) })),
    },
    /** The price rules in force (ADS_PRICES_FILE). */
    prices: (options?: RequestOptions): ApiPromise<SuccessBody<Routes['getPrices']>> =>
      unwrap(raw.admin.getPrices({ call: read(options) })),
  };
}

export type AdminResource = ReturnType<typeof adminResource>;
