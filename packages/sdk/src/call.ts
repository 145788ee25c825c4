import type { AppRoute, ClientInferResponseBody } from '@ts-rest/core';
import { ApiPromise, type WithResponse } from './api-promise.js';
import { errorFromResponse } from './errors/error-from-response.js';
import { mintIdempotencyKey } from './idempotency.js';
import type { CallSettings, RequestOptions, TransportAnswer } from './transport.js';

/** The body of a route's success answer, as the contract types it. */
export type SuccessBody<Route extends AppRoute> = ClientInferResponseBody<
  Route,
  Extract<keyof Route['responses'], 200 | 201 | 202>
>;

/** Turns a raw answer into data, or into the published error class for its status. */
export function unwrap<T>(answer: Promise<unknown>): ApiPromise<T> {
  const settled = answer.then((value): WithResponse<T> => {
    const { status, body, headers, response } = value as TransportAnswer;
    if (status >= 200 && status < 300) return { data: body as T, response };
    throw errorFromResponse(status, body, headers);
  });
  return new ApiPromise(settled);
}

/** A read: safe to retry. */
export function read(options: RequestOptions = {}): CallSettings {
  return { ...options, retry: 'read' };
}

/** A create: retried only under one idempotency key, minted here unless the caller gave one. */
export function create(options: RequestOptions = {}): CallSettings {
  return { ...options, retry: 'create', idempotencyKey: options.idempotencyKey ?? mintIdempotencyKey() };
}

/** A call that changes state without an idempotency key: sent once. */
export function once(options: RequestOptions = {}): CallSettings {
  return { ...options, retry: 'never' };
}
