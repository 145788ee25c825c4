import { GatewayError } from './gateway-error.js';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text a store can keep as given: no NUL (PostgreSQL refuses it) and no lone UTF-16 surrogate. */
export const isStorableText = (text: string) => !text.includes('\u0000') && !loneSurrogate.test(text);

/** The 400 for a field holding text no store can keep. */
export const unstorableText = (path: string) =>
  new GatewayError({
    code: 'invalid_request',
    message: `${path} holds a NUL character or a lone surrogate; text must be valid Unicode without U+0000.`,
    issues: [{ path, message: 'must be valid Unicode without NUL characters' }],
  });
