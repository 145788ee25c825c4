export { type Emulators, falTestKey, kieTestKey, startEmulators } from './emulators.js';
export { freePort } from './free-port.js';
export {
  type RunningGateway,
  repositoryServerBin,
  serverBin,
  startGatewayProcess,
  testAdminToken,
} from './gateway-process.js';
export { s3TestBucket, startS3Server, type TestS3Server } from './s3-server.js';
export { type GatewayProcess, spawnGateway } from './spawn-gateway.js';
export {
  postgresAvailable,
  startThrowawayPostgres,
  type ThrowawayPostgres,
  testPostgres,
} from './throwaway-postgres.js';
