import type { IncomingMessage } from 'node:http';

/** An error shaped like body-parser's (`type`, `status`), so both ways in answer it alike (error-handler.ts). */
class BodyError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const header = (request: IncomingMessage, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** Whether the request carries a body at all (type-is's rule, which body-parser follows). */
export function hasBody(request: IncomingMessage): boolean {
  return (
    request.headers['transfer-encoding'] !== undefined || request.headers['content-length'] !== undefined
  );
}

/**
 * Whether the lean path reads this body the way express.json would: sent as is (no
 * Content-Encoding) in UTF-8. Anything else (gzip, a latin-1 charset) goes to express untouched.
 */
export function isPlainBody(request: IncomingMessage): boolean {
  const encoding = header(request, 'content-encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]*)/i.exec(header(request, 'content-type') ?? '')?.[1];
  return charset === undefined || charset.toLowerCase() === 'utf-8';
}

/**
 * The JSON body of a plain request, read to at most `limit` bytes (a larger one stops at the
 * limit, or at once when its Content-Length says so, with a 413): what express.json hands its routes,
 * with the same rules (strict: an object or an array; an empty body is `{}`; no body: undefined).
 */
export async function readJsonBody(request: IncomingMessage, limit: number): Promise<unknown> {
  if (!hasBody(request)) return undefined;
  const tooLarge = () => new BodyError('entity.too.large', 413, 'request entity too large');
  if (Number(header(request, 'content-length')) > limit) {
    request.resume();
    throw tooLarge();
  }
  const chunks = await readChunks(request, limit, tooLarge);
  let text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return {};
  const first = text.trimStart()[0];
  const invalid = () => new BodyError('entity.parse.failed', 400, 'invalid JSON');
  if (first !== '{' && first !== '[') throw invalid();
  try {
    return JSON.parse(text);
  } catch {
    throw invalid();
  }
}

/**
 * The body's chunks, read with plain listeners that are gone once it ends: a request held open for
 * an hour afterwards keeps nothing of its reading (an async iterator stays attached to it until it closes).
 */
function readChunks(request: IncomingMessage, limit: number, tooLarge: () => BodyError): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const done = (error?: BodyError) => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) {
        request.resume();
        reject(error);
      } else resolve(chunks);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) done(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = () => done();
    const onError = () => done(new BodyError('request.aborted', 400, 'request aborted'));
    const onClose = () => {
      if (!request.complete) onError();
    };
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
