export { inspectMp4, type Mp4Facts } from './inspect-mp4.js';
export { createRecordingAgent, type RecordedRequest } from './recording-agent.js';
export { tinyVideo } from './tiny-video.js';
