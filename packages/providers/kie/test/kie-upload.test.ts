import { randomBytes } from 'node:crypto';
import { UpstreamHttpError } from '@ads/provider';
import { startRecordingServer, testInputFile } from '@ads/provider/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createKie } from '../src/index.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  randomBytes(300_000),
]);

describe('kie file delivery', () => {
  it('gives the gateway’s public link as it is, with no upload', async () => {
    const kie = createKie({ apiKey: 'k', uploadBaseURL: 'http://127.0.0.1:1' });
    const file = testInputFile(png, { publicUrl: 'https://gw.example.com/v1/files/f/content?signature=s' });
    expect(await kie.deliverFile(file)).toBe(file.publicUrl);
  });

  it('streams the file to File Stream Upload and gives kie’s downloadUrl', async () => {
    const server = await startRecordingServer(() => ({
      status: 200,
      body: {
        success: true,
        code: 200,
        msg: 'File uploaded successfully',
        data: {
          fileName: 'file_AAAAAAAAAAAAAAAAAAAAAAAA.png',
          filePath: 'ads-inputs/file_AAAAAAAAAAAAAAAAAAAAAAAA.png',
          downloadUrl: 'https://tempfile.redpandaai.co/xxx/ads-inputs/file_AAAAAAAAAAAAAAAAAAAAAAAA.png',
          fileSize: png.length,
          mimeType: 'image/png',
          uploadedAt: '2026-12-02T12:00:00.000Z',
        },
      },
    }));
    close = server.close;
    const kie = createKie({ apiKey: 'kie-key', uploadBaseURL: server.origin });
    const url = await kie.deliverFile(testInputFile(png));
    expect(url).toBe('https://tempfile.redpandaai.co/xxx/ads-inputs/file_AAAAAAAAAAAAAAAAAAAAAAAA.png');
    const [request] = server.received;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/file-stream-upload');
    expect(request?.headers.authorization).toBe('Bearer kie-key');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(Number(request?.headers['content-length'])).toBe(request?.body.length);
    const body = request?.body as Buffer;
    expect(body.includes(png)).toBe(true);
    expect(body.toString('latin1')).toContain('name="uploadPath"\r\n\r\nads-inputs\r\n');
    expect(body.toString('latin1')).toContain('name="fileName"\r\n\r\nfile_AAAAAAAAAAAAAAAAAAAAAAAA.png\r\n');
    expect(body.toString('latin1')).toContain(
      'name="file"; filename="file_AAAAAAAAAAAAAAAAAAAAAAAA.png"\r\nContent-Type: image/png',
    );
  });

  it('reports kie’s refusal (HTTP 200 with an error code) as an upstream error', async () => {
    const server = await startRecordingServer(() => ({
      status: 200,
      body: { success: false, code: 401, msg: 'You do not have access permissions' },
    }));
    close = server.close;
    const kie = createKie({ apiKey: 'kie-key', uploadBaseURL: server.origin });
    const refusal = await kie.deliverFile(testInputFile(png)).catch((error: unknown) => error);
    expect(UpstreamHttpError.isInstance(refusal)).toBe(true);
    expect((refusal as Error).message).toContain('401');
  });
});
