export { ApiPromise, type WithResponse } from './api-promise.js';
export { type AdsClient, type ClientOptions, createClient } from './client.js';
export { AdsError } from './errors/ads-error.js';
export { ApiError, type ApiErrorIssue } from './errors/api-error.js';
export { AuthenticationError } from './errors/authentication-error.js';
export { BadRequestError } from './errors/bad-request-error.js';
export { ConflictError } from './errors/conflict-error.js';
export { ConnectionError } from './errors/connection-error.js';
export { ConnectionTimeoutError } from './errors/connection-timeout-error.js';
export { InsufficientCreditsError } from './errors/insufficient-credits-error.js';
export { IntegrityError } from './errors/integrity-error.js';
export { InternalServerError } from './errors/internal-server-error.js';
export { NotFoundError } from './errors/not-found-error.js';
export { PermissionDeniedError } from './errors/permission-denied-error.js';
export { RateLimitError } from './errors/rate-limit-error.js';
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
  ReconcileInput,
  UpdateKeyInput,
} from './resources/admin.js';
export type { AccountQuery, LedgerQuery, ModelListQuery } from './resources/catalog.js';
export type { FilesResource, UploadOptions, UploadSource } from './resources/files.js';
export type {
  QuoteResult,
  RestTaskResult,
  TaskListQuery,
  VideoGenerationInput,
  WorkspaceQuery,
} from './resources/videos.js';
export type {
  CreateWebhookInput,
  WebhookDeliveriesQuery,
  WebhooksResource,
  WebhookWorkspaceQuery,
} from './resources/webhooks.js';
export type { RequestOptions } from './transport.js';
export type { GenerateAndWaitOptions, WaitOptions, WaitProgress } from './wait.js';
