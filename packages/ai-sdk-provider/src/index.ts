export { type AdsProvider, type AdsProviderSettings, ads, createAds } from './ads-provider.js';
export { AdsVideoModel, type AdsVideoModelConfig } from './ads-video-model.js';
export type { AdsVideoProviderOptions } from './request-body.js';
