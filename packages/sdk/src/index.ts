export { ApiPromise, type WithResponse } from './api-promise.js';
export { type AdsClient, type ClientOptions, createClient } from './client.js';
export { AdsError } from './errors/ads-error.js';
export {
  ApiError,
  type ApiErrorIssue,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InsufficientCreditsError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from './errors/api-error.js';
export { ConnectionError, ConnectionTimeoutError } from './errors/connection-error.js';
export { UserAbortError } from './errors/user-abort-error.js';
export { WaitTimeoutError } from './errors/wait-timeout-error.js';
export { mintIdempotencyKey } from './idempotency.js';
export type {
  ActionTaskResult,
  GenerateAndWaitInput,
  GenerateInput,
  TaskRef,
} from './resources/actions.js';
export type {
  AddCreditsInput,
  CreateKeyInput,
  CreateWorkspaceInput,
  KeyListQuery,
} from './resources/admin.js';
export type { AccountQuery, ModelListQuery } from './resources/catalog.js';
export type {
  RestTaskResult,
  TaskListQuery,
  VideoGenerationInput,
  WorkspaceQuery,
} from './resources/videos.js';
export type { RequestOptions } from './transport.js';
export type { GenerateAndWaitOptions, WaitProgress } from './wait.js';
