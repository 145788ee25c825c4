import type { Contract } from '@ads/contract';
import type { ClientInferRequest } from '@ts-rest/core';
import type { ApiPromise } from '../api-promise.js';
import { create, once, read, type SuccessBody, unwrap } from '../call.js';
import type { RawClient } from '../raw-client.js';
import { contractFacts } from '../routes.generated.js';
import type { RequestOptions } from '../transport.js';

type Routes = Contract['actions'];
export type GenerateInput = ClientInferRequest<Routes['generate']>['body'];
export type GenerateAndWaitInput = ClientInferRequest<Routes['generateAndWait']>['body'];
export type TaskRef = ClientInferRequest<Routes['query']>['body'];
export type ActionTaskResult = SuccessBody<Routes['query']>;

/** Long enough for the server to hold the request for `timeoutMs` and then answer. */
const heldRequestMarginMs = 30_000;

function taskRef(ref: string | TaskRef): TaskRef {
  return typeof ref === 'string' ? { taskId: ref } : ref;
}

/** The actions API of the CLI & API guide (camelCase). */
export function actionsResource(raw: RawClient) {
  return {
    /** Every action with its method, path and schema path. */
    list: (options?: RequestOptions): ApiPromise<SuccessBody<Routes['list']>> =>
      unwrap(raw.actions.list({ call: read(options) })),
    /** The JSON Schema of an action's input and output. */
    schema: (name: string, options?: RequestOptions): ApiPromise<SuccessBody<Routes['schema']>> =>
      unwrap(raw.actions.schema({ params: { name }, call: read(options) })),
    /** `ai.video.generate`: creates the task and answers at once. */
    generate: (input: GenerateInput, options?: RequestOptions): ApiPromise<ActionTaskResult> =>
      unwrap(raw.actions.generate({ body: input, call: create(options) })),
    /**
     * `ai.video.generate_and_wait`: the server holds the request until the task ends or
     * `input.timeoutMs` passes. `client.generateAndWait` polls instead and reports progress.
     */
    generateAndWait: (input: GenerateAndWaitInput, options?: RequestOptions): ApiPromise<ActionTaskResult> =>
      unwrap(
        raw.actions.generateAndWait({
          body: input,
          call: create({
            ...options,
            timeoutMs:
              options?.timeoutMs ??
              (input.timeoutMs ?? contractFacts.defaultWaitTimeoutMs) + heldRequestMarginMs,
          }),
        }),
      ),
    /** `ai.video.quote`: the price of the same input, the balance, and whether a generate would be accepted. Creates nothing. */
    quote: (input: GenerateInput, options?: RequestOptions): ApiPromise<SuccessBody<Routes['quote']>> =>
      unwrap(raw.actions.quote({ body: input, call: read(options) })),
    /** `ai.video.query`: the task as it stands. */
    query: (ref: string | TaskRef, options?: RequestOptions): ApiPromise<ActionTaskResult> =>
      unwrap(raw.actions.query({ body: taskRef(ref), call: read(options) })),
    /** `ai.video.cancel`: asks the provider to stop; sent once, never retried. */
    cancel: (ref: string | TaskRef, options?: RequestOptions): ApiPromise<ActionTaskResult> =>
      unwrap(raw.actions.cancel({ body: taskRef(ref), call: once(options) })),
  };
}

export type ActionsResource = ReturnType<typeof actionsResource>;
