export { createRecordingAgent, type RecordedRequest } from './recording-agent.js';
