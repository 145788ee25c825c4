import type { Contract } from '@ads/contract';
import type { ClientInferRequest } from '@ts-rest/core';
import type { ApiPromise } from '../api-promise.js';
import { read, type SuccessBody, unwrap } from '../call.js';
import type { RawClient } from '../raw-client.js';
import type { RequestOptions } from '../transport.js';

export type ModelListQuery = NonNullable<ClientInferRequest<Contract['models']['listModels']>['query']>;
export type AccountQuery = NonNullable<ClientInferRequest<Contract['account']['getAccount']>['query']>;
export type LedgerQuery = NonNullable<ClientInferRequest<Contract['ledger']['listLedger']>['query']>;

/** The model catalog. */
export function modelsResource(raw: RawClient) {
  return {
    list: (
      query?: ModelListQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Contract['models']['listModels']>> =>
      unwrap(raw.models.listModels({ query, call: read(options) })),
  };
}

/** The key's workspace, its balance and its other workspaces. */
export function accountResource(raw: RawClient) {
  return {
    get: (
      query?: AccountQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Contract['account']['getAccount']>> =>
      unwrap(raw.account.getAccount({ query, call: read(options) })),
  };
}

/** The workspace's ledger: top-ups, reserves, refunds and adjustments, newest first. */
export function ledgerResource(raw: RawClient) {
  return {
    list: (
      query?: LedgerQuery,
      options?: RequestOptions,
    ): ApiPromise<SuccessBody<Contract['ledger']['listLedger']>> =>
      unwrap(raw.ledger.listLedger({ query, call: read(options) })),
  };
}

export type ModelsResource = ReturnType<typeof modelsResource>;

export type LedgerResource = ReturnType<typeof ledgerResource>;

export type AccountResource = ReturnType<typeof accountResource>;
