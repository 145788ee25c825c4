import type { Contract } from '@ads/contract';
import type { ClientInferRequest } from '@ts-rest/core';
import type { ApiPromise } from '../api-promise.js';
import { create, once, read, type SuccessBody, unwrap } from '../call.js';
import type { RawClient } from '../raw-client.js';
import type { RequestOptions } from '../transport.js';

type Routes = Contract['videos'];
export type VideoGenerationInput = ClientInferRequest<Routes['createGeneration']>['body'];
export type TaskListQuery = NonNullable<ClientInferRequest<Routes['listTasks']>['query']>;
export type WorkspaceQuery = NonNullable<ClientInferRequest<Routes['getTask']>['query']>;
export type RestTaskResult = SuccessBody<Routes['getTask']>;
export type QuoteResult = SuccessBody<Routes['quoteGeneration']>;

/** `POST /v1/videos/generations` (snake_case, credits per scene). */
export function videosResource(raw: RawClient) {
  return {
    create: (body: VideoGenerationInput, options?: RequestOptions): ApiPromise<RestTaskResult> =>
      unwrap(raw.videos.createGeneration({ body, call: create(options) })),
    /** `POST /v1/videos/quote`: the price of the same body, the balance, and whether a create would be accepted. Creates nothing. */
    quote: (body: VideoGenerationInput, options?: RequestOptions): ApiPromise<QuoteResult> =>
      unwrap(raw.videos.quoteGeneration({ body, call: read(options) })),
  };
}

/** `/v1/tasks`: read, list and cancel tasks of either surface, and delete their stored files. */
export function tasksResource(raw: RawClient) {
  return {
    get: (id: string, query?: WorkspaceQuery, options?: RequestOptions): ApiPromise<RestTaskResult> =>
      unwrap(raw.videos.getTask({ params: { id }, query, call: read(options) })),
    list: (query?: TaskListQuery, options?: RequestOptions): ApiPromise<SuccessBody<Routes['listTasks']>> =>
      unwrap(raw.videos.listTasks({ query, call: read(options) })),
    cancel: (id: string, query?: WorkspaceQuery, options?: RequestOptions): ApiPromise<RestTaskResult> =>
      unwrap(raw.videos.cancelTask({ params: { id }, query, call: once(options) })),
    /** Deletes a finished task's stored files; repeating it changes nothing, so it is retried like a read. */
    deleteVideos: (
      id: string,
      query?: WorkspaceQuery,
      options?: RequestOptions,
    ): ApiPromise<RestTaskResult> =>
      unwrap(raw.videos.deleteVideos({ params: { id }, query, call: read(options) })),
  };
}

export type VideosResource = ReturnType<typeof videosResource>;

export type TasksResource = ReturnType<typeof tasksResource>;
