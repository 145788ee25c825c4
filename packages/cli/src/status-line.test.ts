import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Printer } from './printer.js';
import { startStatusLine } from './status-line.js';

function capture(isTTY: boolean) {
  let written = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _encoding, callback) {
        written += String(chunk);
        callback();
      },
    }),
    { isTTY, columns: 80 },
  );
  return { stream, text: () => written };
}

describe('the status line', () => {
  it('redraws one line in place on a terminal and clears it at the end', () => {
    const stderr = capture(true);
    const line = startStatusLine(
      new Printer(false, { stdout: capture(false).stream, stderr: stderr.stream }),
      'video',
    );
    line.update('running · 40% · task 1234abcd');
    line.stop();
    expect(stderr.text()).toContain('\r\x1b[2K');
    expect(stderr.text()).toMatch(/video · running · 40% · task 1234abcd · 0:00/);
    expect(stderr.text().endsWith('\r\x1b[2K')).toBe(true);
    expect(stderr.text()).not.toContain('\n');
  });

  it('prints one plain line per change elsewhere, and nothing under --json', () => {
    const stderr = capture(false);
    const line = startStatusLine(
      new Printer(false, { stdout: capture(false).stream, stderr: stderr.stream }),
      'video',
    );
    line.update('pending');
    line.update('pending');
    line.update('running');
    line.stop();
    expect(stderr.text().split('\n').filter(Boolean)).toEqual([
      'video: pending (0:00)',
      'video: running (0:00)',
    ]);
    const quiet = capture(true);
    const json = startStatusLine(
      new Printer(true, { stdout: capture(false).stream, stderr: quiet.stream }),
      'video',
    );
    json.update('running');
    json.stop();
    expect(quiet.text()).toBe('');
  });
});
