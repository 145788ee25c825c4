export {
  type CatalogEntry,
  type MediaSlot,
  type ModelSceneId,
  mediaFieldNames,
  modelSceneIds,
  publicModelId,
  type StandardMapping,
  type StandardOptionName,
  standardOptionNames,
} from './catalog/catalog-entry.js';
export { checkField, coerceToField } from './catalog/check-field.js';
export { type DerivationRules, deriveCatalogEntry, type ModelFacts } from './catalog/derive-entry.js';
export type { FieldSpec, FieldType } from './catalog/field-spec.js';
export {
  type DefaultSource,
  defaultModelFor,
  ModelCatalog,
  type ModelReference,
} from './catalog/model-catalog.js';
export { optionsJsonSchema } from './catalog/options-json-schema.js';
export {
  type CallerFieldNames,
  defaultCallerFieldNames,
  type GenerationInput,
  prepareInput,
} from './catalog/prepare-input.js';
export { invalidOperationError } from './errors/invalid-operation.js';
export { InvalidOptionsError, maxReportedIssues, type OptionIssue } from './errors/invalid-options-error.js';
export { ModelNotFoundError } from './errors/model-not-found-error.js';
export { ModelSceneMismatchError } from './errors/model-scene-mismatch-error.js';
export { ProviderError, type ProviderErrorCode, type ProviderErrorOptions } from './errors/provider-error.js';
export { ProviderNotConfiguredError } from './errors/provider-not-configured-error.js';
export { UpstreamHttpError, type UpstreamHttpErrorOptions } from './errors/upstream-http-error.js';
export { WebhookVerificationError } from './errors/webhook-verification-error.js';
export {
  HttpClient,
  type HttpClientSettings,
  type HttpRequest,
  type HttpResponse,
} from './http/http-client.js';
export { type MultipartBody, multipartBody } from './http/multipart-body.js';
export { parseRetryAfter } from './http/retry-after.js';
export type { JsonObject, JsonValue } from './json.js';
export { Mp4Probe, type VideoFacts } from './media/mp4-probe.js';
export { isPublicAddress } from './outbound/address-policy.js';
export { OutboundFetchError, type OutboundRefusal } from './outbound/outbound-error.js';
export {
  type FetchedBytes,
  type FetchedStream,
  type FetchLimits,
  OutboundFetcher,
  type OutboundFetcherSettings,
  type StreamLimits,
} from './outbound/outbound-fetcher.js';
export type { ProviderSettings } from './provider-settings.js';
export { seededRandom } from './seeded-random.js';
export type {
  CallOptions,
  CancelOutcome,
  GeneratedVideo,
  InputFile,
  JobStatus,
  ProviderRateLimits,
  StartResult,
  VideoJobRequest,
  VideoProvider,
  WebhookEvent,
  WebhookRequest,
  WindowLimit,
} from './video-model.js';
