import { GatewayError } from './gateway-error.js';

/** Opaque page cursors: the (created_at, id) position of the last task on the page. */
export function encodeCursor(task: { createdAt: number; id: string }): string {
  return Buffer.from(`${task.createdAt}:${task.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: number; id: string } {
  const [time, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  const createdAt = Number(time);
  if (!id || !Number.isSafeInteger(createdAt)) {
    throw new GatewayError({
      code: 'invalid_request',
      message: 'cursor is not one this API returned; pass next_cursor from the previous page.',
      issues: [{ path: 'cursor', message: 'unknown cursor' }],
    });
  }
  return { createdAt, id };
}
