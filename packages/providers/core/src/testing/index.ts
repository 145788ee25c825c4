export { runCatalogGenerator, upstreamSnapshotDirectory } from './catalog-generator.js';
export { EmulatedFiles, type EmulatedFilesOptions, type FileStats } from './emulated-files.js';
export {
  type EmulatedJob,
  type EmulatedOutcome,
  type EmulatedUpload,
  EmulatorCore,
  type EmulatorFaults,
  type EmulatorOptions,
  type EmulatorStats,
  type JobHold,
  postWebhook,
  type RateLimit,
  SlidingWindowLimit,
} from './emulator-core.js';
export {
  type ReceivedWebhook,
  type RunningServer,
  readBody,
  readMultipart,
  sendJson,
  startHttpServer,
  startWebhookReceiver,
} from './emulator-http.js';
export { testInputFile } from './input-file.js';
export { inspectMp4, type Mp4Facts } from './inspect-mp4.js';
export { createRecordingAgent, type RecordedRequest } from './recording-agent.js';
export { type ReceivedRequest, type ServerAnswer, startRecordingServer } from './recording-server.js';
export { tinyVideo } from './tiny-video.js';
