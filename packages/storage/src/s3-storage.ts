import { type Readable, Transform } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  type ListMultipartUploadsCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  type ByteRange,
  checkKey,
  type LinkOptions,
  type PutOptions,
  StorageNotFoundError,
  type VideoStorage,
} from './video-storage.js';

export interface S3StorageSettings {
  bucket: string;
  /** An S3-compatible endpoint (MinIO, R2, ...); AWS's own when absent. */
  endpoint?: string;
  region: string;
  /** `https://endpoint/bucket/key` instead of `https://bucket.endpoint/key` (most self-hosted stores). */
  forcePathStyle: boolean;
  /** Credentials; by default the AWS SDK's own chain (AWS_ACCESS_KEY_ID, profiles, roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** The size of one part of a multipart upload; with two in flight, what a write holds in memory. */
  partBytes?: number;
}

const notFound = (error: unknown) => {
  const { name, $metadata } = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || $metadata?.httpStatusCode === 404;
};

/**
 * Any S3-compatible object store, through the AWS SDK. A large write is a multipart upload, streamed
 * a part at a time; S3 shows an object only once its upload completes, so a key holds nothing or
 * the whole file, and an upload cut short is aborted (or swept later by `sweepPartials`).
 */
export class S3Storage implements VideoStorage {
  readonly kind = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly partBytes: number;

  constructor(settings: S3StorageSettings) {
    this.bucket = settings.bucket;
    this.partBytes = settings.partBytes ?? 8 * 1024 * 1024;
    this.client = new S3Client({
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.credentials ? { credentials: settings.credentials } : {}),
      // Checksums only where S3 requires them: many S3-compatible stores refuse the newer defaults.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: { connectionTimeout: 5000, requestTimeout: 120_000 },
    });
  }

  async put(key: string, body: Readable | Uint8Array, options: PutOptions): Promise<{ bytes: number }> {
    let bytes = 0;
    const counted =
      body instanceof Uint8Array
        ? body
        : body.pipe(
            new Transform({
              transform(chunk: Buffer, _encoding, callback) {
                bytes += chunk.length;
                callback(null, chunk);
              },
            }),
          );
    if (!(body instanceof Uint8Array)) body.once('error', (error) => (counted as Transform).destroy(error));
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: checkKey(key), Body: counted, ContentType: options.contentType },
      partSize: this.partBytes,
      queueSize: 2,
      leavePartsOnError: false,
    });
    const abort = () => void upload.abort().catch(() => {});
    options.signal?.addEventListener('abort', abort, { once: true });
    try {
      if (options.signal?.aborted) throw options.signal.reason;
      await upload.done();
    } finally {
      options.signal?.removeEventListener('abort', abort);
    }
    return { bytes: body instanceof Uint8Array ? body.byteLength : bytes };
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: checkKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return answer.Body as Readable;
    } catch (error) {
      if (notFound(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async head(key: string): Promise<{ bytes: number } | undefined> {
    try {
      const answer = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }),
      );
      return { bytes: Number(answer.ContentLength ?? 0) };
    } catch (error) {
      if (notFound(error)) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: checkKey(key) }));
  }

  link(key: string, options: LinkOptions): Promise<string> {
    return getSignedUrl(
      this.client,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: checkKey(key),
        ResponseContentType: options.contentType,
        ResponseContentDisposition: options.contentDisposition,
      }),
      { expiresIn: options.expiresInSeconds },
    );
  }

  async sweepPartials(olderThanMs: number): Promise<number> {
    let answer: ListMultipartUploadsCommandOutput;
    try {
      answer = await this.client.send(new ListMultipartUploadsCommand({ Bucket: this.bucket }));
    } catch (error) {
      // A store that cannot list its uploads leaves them to its own lifecycle rules.
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 501) return 0;
      throw error;
    }
    const stale = (answer.Uploads ?? []).filter(
      (upload) =>
        upload.Key && upload.UploadId && Date.now() - (upload.Initiated?.getTime() ?? 0) >= olderThanMs,
    );
    for (const upload of stale) {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: upload.Key, UploadId: upload.UploadId }),
      );
    }
    return stale.length;
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
