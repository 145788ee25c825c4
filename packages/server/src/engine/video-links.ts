import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signed links to stored videos (and uploaded files, `/v1/files/<id>/content`): `/v1/tasks/<id>/videos/<n>.mp4?expires=<s>&signature=<hmac>`, an
 * HMAC-SHA256 of the path and expiry with the gateway's secret (kept in the store, shared by every
 * instance). Every read of a task issues fresh links; their expiry is rounded up to the minute, so
 * reads within one minute give the same link (a browser or CDN can cache it).
 */
export class VideoLinks {
  constructor(
    private readonly secret: Buffer,
    private readonly baseUrl: () => string,
    private readonly ttlSeconds: number,
  ) {}

  static path(taskId: string, index: number): string {
    return `/v1/tasks/${taskId}/videos/${index}.mp4`;
  }

  /** The path of an uploaded file's bytes. */
  static filePath(fileId: string): string {
    return `/v1/files/${fileId}/content`;
  }

  /** A task's video is signed as `<task>/<index>`, a file as `file/<id>`: the two cannot collide. */
  private signature(subject: string, expires: number): string {
    return createHmac('sha256', this.secret).update(`${subject}/${expires}`).digest('base64url');
  }

  private signed(path: string, subject: string, now: number, ttlSeconds: number) {
    const expires = Math.ceil((now / 1000 + ttlSeconds) / 60) * 60;
    const signature = this.signature(subject, expires);
    return {
      url: `${this.baseUrl()}${path}?expires=${expires}&signature=${signature}`,
      expiresAt: expires * 1000,
    };
  }

  private checkSigned(subject: string, expires: string, signature: string, now: number): LinkCheck {
    if (!/^\d{1,12}$/.test(expires)) return 'invalid';
    const expected = Buffer.from(this.signature(subject, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 > now ? 'valid' : 'expired';
  }

  /** A fresh link, valid for the configured time from `now`. */
  link(taskId: string, index: number, now: number): { url: string; expiresAt: number } {
    return this.signed(VideoLinks.path(taskId, index), `${taskId}/${index}`, now, this.ttlSeconds);
  }

  check(taskId: string, index: number, expires: string, signature: string, now: number): LinkCheck {
    return this.checkSigned(`${taskId}/${index}`, expires, signature, now);
  }

  /** A link to an uploaded file, valid for `ttlSeconds` (the video link time by default). */
  fileLink(fileId: string, now: number, ttlSeconds = this.ttlSeconds): { url: string; expiresAt: number } {
    return this.signed(VideoLinks.filePath(fileId), `file/${fileId}`, now, ttlSeconds);
  }

  checkFile(fileId: string, expires: string, signature: string, now: number): LinkCheck {
    return this.checkSigned(`file/${fileId}`, expires, signature, now);
  }

  /** The file id of a link to an uploaded file on this gateway (signed or not), else undefined. */
  fileIdOf(url: string): string | undefined {
    const base = this.baseUrl();
    if (!url.startsWith(`${base}/v1/files/`)) return undefined;
    return /^\/v1\/files\/(file_[A-Za-z0-9]{24})\/content(?:\?|$)/.exec(url.slice(base.length))?.[1];
  }

  /** The task and index of a link of this gateway (any expiry), or undefined for any other URL. */
  static parse(url: string): { taskId: string; index: number } | undefined {
    const match = /\/v1\/tasks\/([0-9a-f-]{36})\/videos\/(\d{1,3})\.mp4(?:\?|$)/i.exec(url);
    return match ? { taskId: (match[1] as string).toLowerCase(), index: Number(match[2]) } : undefined;
  }
}
