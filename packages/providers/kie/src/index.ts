export { type KieModelId, kieCatalog, kieDefaults, kieModelsWithoutScene } from './kie-catalog.js';
export { kieError } from './kie-error.js';
export { createKie, KieProvider, type KieSettings, kie } from './kie-provider.js';
export { jobStatusFromRecord, jobStatusFromVeoRecord } from './kie-record.js';
export { kieWebhookSignature, kieWebhookToleranceSeconds, parseKieWebhook } from './kie-webhook.js';
