import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from './command.js';
import { usageFailure } from './failure.js';
import { startStatusLine } from './status-line.js';

/** A URL, or the id of an earlier upload (`file_` and 24 letters or digits): sent as it is. */
const isRemote = (value: string) => /^https?:\/\//i.test(value) || /^file_[A-Za-z0-9]{24}$/.test(value);

/** A flag's value as its items: a comma-separated string or repeated values. */
const itemsOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : String(value).split(','))
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * The media inputs with every local path uploaded first (POST /v1/files, with progress on a
 * terminal) and replaced by its file id; URLs and file ids go through as they are. A path that is
 * not a file is a usage error naming the flag.
 */
export async function uploadLocalInputs(
  context: CommandContext,
  value: unknown,
  flag: string,
): Promise<unknown> {
  if (value === undefined || value === null) return value;
  const items = itemsOf(value);
  if (items.every(isRemote)) return value;
  const resolved: string[] = [];
  for (const item of items) {
    if (isRemote(item)) {
      resolved.push(item);
      continue;
    }
    const file = path.resolve(context.cwd, item);
    if (!existsSync(file) || !statSync(file).isFile()) {
      throw usageFailure(
        `${flag} ${item}: no such file, and not an http(s) URL or an uploaded file id (file_...)`,
        `Give a local image or video path, a URL, or the id that \`ads\` printed for an earlier upload.`,
      );
    }
    const status = startStatusLine(context.printer, `uploading ${path.basename(file)}`);
    try {
      const client = await context.client();
      const uploaded = await client.files.upload(file, {
        onProgress: ({ sentBytes, totalBytes }) =>
          status.update(`${megabytes(sentBytes)} of ${megabytes(totalBytes)}`),
      });
      resolved.push(uploaded.id);
      context.printer.note(
        `uploaded ${item} as ${uploaded.id} (${uploaded.content_type}, ${megabytes(uploaded.bytes)})`,
      );
    } finally {
      status.stop();
    }
  }
  return resolved;
}
