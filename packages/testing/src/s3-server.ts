import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

export const s3TestBucket = 'ads-videos';

export interface TestS3Server {
  /** The endpoint, e.g. http://127.0.0.1:40123. */
  url: string;
  port: number;
  /** Where it keeps its objects on disk (kept across stop and start). */
  directory: string;
  /** What a gateway needs to store its videos here. */
  environment: Record<string, string>;
  /** Goes down: every request is refused until `start` (the objects stay). */
  stop(): Promise<void>;
  /** Comes back on the same port with the same objects. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** An S3-protocol server (s3rver) on loopback, with one bucket, for tests through the real AWS SDK. */
export async function startS3Server(): Promise<TestS3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), 'ads-s3-'));
  let port = 0;
  let server: { close(): Promise<void>; httpServer?: Server } | undefined;
  const start = async () => {
    const instance = new S3rver({
      port,
      address: '127.0.0.1',
      directory,
      silent: true,
      configureBuckets: [{ name: s3TestBucket }],
    });
    const address = (await instance.run()) as { port: number };
    port = address.port;
    server = instance;
  };
  const stop = async () => {
    const running = server;
    server = undefined;
    if (!running) return;
    // The SDK keeps connections alive: cut them, or close waits for them.
    running.httpServer?.closeAllConnections();
    await running.close();
  };
  await start();
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    port,
    directory,
    environment: {
      ADS_STORAGE: 's3',
      ADS_S3_BUCKET: s3TestBucket,
      ADS_S3_ENDPOINT: url,
      ADS_S3_REGION: 'us-east-1',
      ADS_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
    },
    stop,
    start,
    close: stop,
  };
}
