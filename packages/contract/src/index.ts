export {
  type ActionDefinition,
  actionJsonSchemas,
  actionNames,
  actionRegistry,
  actionSchemaPath,
  actionSummary,
  findAction,
} from './actions/action-registry.js';
export {
  type ActionTask,
  actionTaskSchema,
  type TaskRefInput,
  taskRefInputSchema,
} from './actions/action-task.js';
export {
  type ActionSchemaDocument,
  actionListSchema,
  actionSchemaDocumentSchema,
  actionSummarySchema,
  actionsContract,
} from './actions/actions-contract.js';
export {
  actionFieldNames,
  defaultWaitTimeoutMs,
  type GenerateActionInput,
  type GenerateAndWaitActionInput,
  generateActionInputSchema,
  generateAndWaitActionInputSchema,
  maxWaitTimeoutMs,
} from './actions/generation-input.js';
export { adminContract, createdApiKeySchema } from './admin/admin-contract.js';
export {
  type ReconciliationView,
  reconcileBodySchema,
  reconciliationSchema,
  type UnconfirmedTask,
  unconfirmedTaskSchema,
} from './admin/reconcile-contract.js';
export {
  actionFlags,
  type FlagKind,
  type FlagSpec,
  kebabCase,
  type RouteFlagGroups,
  routeFlags,
  schemaFlags,
} from './cli-flags.js';
export { type CliVideoResult, cliVideoResultSchema } from './cli-output.js';
export { keysContract } from './console/keys-contract.js';
export { sessionContract } from './console/session-contract.js';
export { type Usage, usageContract, usageSchema } from './console/usage-contract.js';
export {
  emailField,
  passwordField,
  type Session,
  sessionSchema,
  type User,
  type UserRole,
  userRoles,
  userSchema,
} from './console/user.js';
export { inviteSchema, usersContract } from './console/users-contract.js';
export { type Contract, consoleRouterNames, contract } from './contract.js';
export {
  commonErrorResponses,
  describeIssues,
  type ErrorCode,
  type ErrorEnvelope,
  type ErrorIssue,
  errorCodes,
  errorCodeTable,
  errorEnvelope,
  errorEnvelopeSchema,
  statusForErrorCode,
  toErrorIssues,
} from './errors.js';
export type { GenerationRequest, TaskCallback } from './generation-fields.js';
export { healthContract } from './health/health-contract.js';
export { type JsonSchema, toJsonSchema } from './json-schema.js';
export { splitMediaList, uploadedFileIdPattern } from './media-input.js';
export {
  type OpenAiVideo,
  type OpenAiVideoCreate,
  openAiVideoCreateSchema,
  openAiVideoSchema,
  openAiVideoStatuses,
  openAiVideosContract,
} from './openai/openai-videos-contract.js';
export { type GenerationOptions, generationOptionsSchema, standardOptionNames } from './options.js';
export { type PriceBasisView, priceBasisSchema, type Quote, quoteSchema } from './quote.js';
export { type Account, accountContract, accountSchema } from './rest/account-contract.js';
export {
  exampleFileId,
  filesContract,
  type UploadedFile,
  uploadedFileSchema,
} from './rest/files-contract.js';
export {
  restFieldNames,
  type VideoGenerationBody,
  videoGenerationBodySchema,
} from './rest/generation-body.js';
export {
  type LedgerEntry,
  type LedgerPage,
  ledgerContract,
  ledgerEntrySchema,
  ledgerKinds,
  ledgerPageSchema,
} from './rest/ledger-contract.js';
export {
  type ModelInfo,
  type ModelPricing,
  modelInfoSchema,
  modelListSchema,
  modelPricingSchema,
  modelsContract,
} from './rest/models-contract.js';
export { type RestTask, restTaskSchema } from './rest/rest-task.js';
export {
  type TaskList,
  taskListQuerySchema,
  taskListSchema,
  videosContract,
} from './rest/videos-contract.js';
export {
  createWebhookBodySchema,
  defaultWebhookEvents,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEndpointWithSecret,
  type WebhookEvent,
  type WebhookEventType,
  webhookDeliverySchema,
  webhookEndpointSchema,
  webhookEventSchema,
  webhookEventTypes,
  webhooksContract,
} from './rest/webhooks-contract.js';
export type { RouteAuth, RouteExample, RouteMetadata } from './route-metadata.js';
export { type SceneFieldNames, type SceneInputs, sceneRuleViolations } from './scene-rules.js';
export {
  applyPromptTemplate,
  type MediaRule,
  type ModelSceneId,
  maxMediaUrls,
  modelSceneFor,
  type SceneId,
  type SceneRule,
  sceneIds,
  sceneRule,
  sceneTable,
} from './scenes.js';
export {
  exampleTaskId,
  isTerminalStatus,
  type TaskError,
  type TaskStatus,
  taskErrorSchema,
  taskStatuses,
  terminalTaskStatuses,
} from './task.js';
export {
  type ActionVideo,
  actionVideoSchema,
  type RestVideo,
  restVideoSchema,
  videoFileParam,
} from './task-videos.js';
export {
  type ApiKeyInfo,
  apiKeyInfoSchema,
  keyLimitsShape,
  parseRateLimit,
  rateLimitPattern,
  type SpendPeriod,
  spendPeriods,
  type Workspace,
  workspaceSchema,
} from './workspace.js';
