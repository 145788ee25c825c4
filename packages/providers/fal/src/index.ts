export { type FalModelId, falCatalog, falDefaults, falModelsWithoutScene } from './fal-catalog.js';
export { falAppRoot, falRequestUrls } from './fal-endpoint.js';
export { falError, falErrorDetail } from './fal-error.js';
export { createFal, FalProvider, type FalSettings, fal } from './fal-provider.js';
export { falFailure, falOutputStatus } from './fal-result.js';
export { falMultipartThreshold, uploadToFalStorage } from './fal-storage.js';
export { FalJwksCache, falWebhookToleranceSeconds, parseFalWebhook } from './fal-webhook.js';
