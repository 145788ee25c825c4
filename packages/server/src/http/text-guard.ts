import type { NextFunction, Request, Response } from 'express';
import { isStorableText, unstorableText } from '../engine/storable-text.js';

/** The path of the first string (or key) in a parsed JSON value that is not storable text. */
export function unstorableTextAt(value: unknown, path = ''): string | undefined {
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [current, at] = stack.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (!isStorableText(current)) return at || '(body)';
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => {
        stack.push([item, `${at}[${index}]`]);
      });
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const child = at ? `${at}.${key}` : key;
        if (!isStorableText(key)) return at || '(body)';
        stack.push([item, child]);
      }
    }
  }
  return undefined;
}

/** Refuses a request whose path or query spells a NUL (%00), before any route or store sees it. */
export function refuseNulInUrl(request: Request, _response: Response, next: NextFunction): void {
  const nul = request.url.search(/%00/i);
  const query = request.url.indexOf('?');
  next(nul < 0 ? undefined : unstorableText(query >= 0 && nul > query ? 'query' : 'path'));
}

/** Refuses a JSON body with unstorable text anywhere in it. */
export function refuseUnstorableBody(request: Request, _response: Response, next: NextFunction): void {
  const at = request.body === undefined ? undefined : unstorableTextAt(request.body);
  next(at ? unstorableText(at) : undefined);
}
