import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkCheck = 'valid' | 'expired' | 'invalid';

/**
 * Signed links to stored videos: `/v1/tasks/<id>/videos/<n>.mp4?expires=<s>&signature=<hmac>`, an
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

  private signature(taskId: string, index: number, expires: number): string {
    return createHmac('sha256', this.secret).update(`${taskId}/${index}/${expires}`).digest('base64url');
  }

  /** A fresh link, valid for the configured time from `now`. */
  link(taskId: string, index: number, now: number): { url: string; expiresAt: number } {
    const expires = Math.ceil((now / 1000 + this.ttlSeconds) / 60) * 60;
    const signature = this.signature(taskId, index, expires);
    return {
      url: `${this.baseUrl()}${VideoLinks.path(taskId, index)}?expires=${expires}&signature=${signature}`,
      expiresAt: expires * 1000,
    };
  }

  check(taskId: string, index: number, expires: string, signature: string, now: number): LinkCheck {
    if (!/^\d{1,12}$/.test(expires)) return 'invalid';
    const expected = Buffer.from(this.signature(taskId, index, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid';
    return Number(expires) * 1000 > now ? 'valid' : 'expired';
  }

  /** The task and index of a link of this gateway (any expiry), or undefined for any other URL. */
  static parse(url: string): { taskId: string; index: number } | undefined {
    const match = /\/v1\/tasks\/([0-9a-f-]{36})\/videos\/(\d{1,3})\.mp4(?:\?|$)/i.exec(url);
    return match ? { taskId: (match[1] as string).toLowerCase(), index: Number(match[2]) } : undefined;
  }
}
