import { describe, expect, it } from 'vitest';
import { AdsError } from './ads-error.js';
import { ApiError } from './api-error.js';
import { NotFoundError } from './not-found-error.js';
import { RateLimitError } from './rate-limit-error.js';

const fields = { status: 404, code: 'not_found', message: 'gone', headers: new Headers(), body: null };

describe('error brands', () => {
  it('recognise an error by its class chain, not by identity of the class object', () => {
    const error = new NotFoundError(fields);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(AdsError.isInstance(error)).toBe(true);
    expect(RateLimitError.isInstance(error)).toBe(false);
    expect(error.name).toBe('NotFoundError');
    const copy = Object.assign(new Error('from another copy of the SDK'), {
      [Symbol.for('ads.sdk.error-kinds')]: ['NotFoundError', 'ApiError', 'AdsError'],
    });
    expect(NotFoundError.isInstance(copy)).toBe(true);
    expect(AdsError.isInstance(new Error('plain'))).toBe(false);
    expect(AdsError.isInstance(undefined)).toBe(false);
  });
});
