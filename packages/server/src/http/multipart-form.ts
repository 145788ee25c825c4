import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { Request, Response } from 'express';
import { GatewayError } from '../engine/gateway-error.js';

export interface FormFile {
  field: string;
  /** The name the client gave (for display only: never a path, never trusted for the type). */
  filename: string | undefined;
  bytes: Readable;
}

export interface MultipartOptions<Stored> {
  /** The fields that may carry a file; a file in any other is a 400. */
  fileFields: readonly string[];
  /** The most bytes one file may have: the parser stops reading just past it. */
  maxFileBytes: number;
  /** Takes a file as it streams in (into storage); its result is kept under the field's name. */
  onFile: (file: FormFile) => Promise<Stored>;
}

export interface MultipartForm<Stored> {
  /** Text fields; `a[b]` fields are nested as `{a: {b}}`, as the openai package sends objects. */
  fields: Record<string, unknown>;
  files: Map<string, Stored>;
}

const refuse = (message: string, path?: string) =>
  new GatewayError({ code: 'invalid_request', message, ...(path ? { issues: [{ path, message }] } : {}) });

function setField(fields: Record<string, unknown>, name: string, value: string): void {
  const nested = /^([A-Za-z0-9_]+)\[([A-Za-z0-9_]+)\]$/.exec(name);
  if (!nested) {
    fields[name] = value;
    return;
  }
  const [, outer, inner] = nested as unknown as [string, string, string];
  const holder = typeof fields[outer] === 'object' && fields[outer] !== null ? fields[outer] : {};
  fields[outer] = { ...(holder as object), [inner]: value };
}

export const isMultipart = (request: Request) =>
  /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');

/**
 * Reads a multipart/form-data request with busboy: small text fields, and at most one file that is
 * handed to `onFile` as it streams (never held whole). Limits on every count and size stop a hostile
 * body early; when a file is refused the rest of the request is not read (the connection closes
 * after the answer).
 */
export async function readMultipartForm<Stored>(
  request: Request,
  response: Response,
  options: MultipartOptions<Stored>,
): Promise<MultipartForm<Stored>> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: request.headers,
      limits: { fields: 30, fieldSize: 64 * 1024, files: 1, parts: 40, fileSize: options.maxFileBytes + 1 },
    });
  } catch (error) {
    throw refuse(`The body is not readable multipart/form-data: ${(error as Error).message}.`);
  }
  const fields: Record<string, unknown> = {};
  const files = new Map<string, Stored>();
  // Settles as soon as anything is wrong (an upload refused, a field too long), not at the body's end.
  const read = new Promise<void>((resolve, reject) => {
    let storing = 0;
    let closed = false;
    const settle = () => {
      if (closed && storing === 0) resolve();
    };
    parser.on('field', (name, value, info) => {
      if (info.nameTruncated || info.valueTruncated) return reject(refuse(`${name} is too long.`, name));
      setField(fields, name, value);
    });
    parser.on('file', (name, bytes, info) => {
      if (!options.fileFields.includes(name)) {
        bytes.resume();
        return reject(
          refuse(`${name} cannot be a file here; send the file as ${options.fileFields.join(' or ')}.`, name),
        );
      }
      storing += 1;
      options.onFile({ field: name, filename: info.filename, bytes }).then((stored) => {
        files.set(name, stored);
        storing -= 1;
        settle();
      }, reject);
    });
    parser.on('filesLimit', () => reject(refuse('Send one file per request.')));
    parser.on('fieldsLimit', () => reject(refuse('The form has too many fields.')));
    parser.on('partsLimit', () => reject(refuse('The form has too many parts.')));
    parser.on('error', (error) =>
      reject(refuse(`The multipart body is malformed: ${(error as Error).message}.`)),
    );
    parser.on('close', () => {
      closed = true;
      settle();
    });
  });
  request.pipe(parser);
  try {
    await read;
  } catch (error) {
    stopReading(request, response);
    throw error;
  }
  return { fields, files };
}

/** Reads no more of a refused body: the answer goes out with `Connection: close`, then the socket ends. */
function stopReading(request: Request, response: Response): void {
  request.unpipe();
  response.setHeader('Connection', 'close');
  response.once('finish', () => request.destroy());
}
