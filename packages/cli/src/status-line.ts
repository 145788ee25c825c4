import type { Printer } from './printer.js';

const spinner = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

function clock(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export interface StatusLine {
  /** The latest state in words, e.g. `running · 40%`. */
  update(state: string): void;
  stop(): void;
}

/**
 * Progress on stderr. On a terminal: one line redrawn in place with a spinner and the elapsed time.
 * Elsewhere: one plain line per change of state, nothing animated. Under `--json`: nothing.
 */
export function startStatusLine(printer: Printer, label: string): StatusLine {
  const startedAt = Date.now();
  const stderr = printer.streams.stderr;
  let state = 'starting';
  if (printer.json) return { update() {}, stop() {} };
  if (!printer.live) {
    return {
      update(next) {
        if (next === state) return;
        state = next;
        stderr.write(`${label}: ${next} (${clock(Date.now() - startedAt)})\n`);
      },
      stop() {},
    };
  }
  let frame = 0;
  const draw = () => {
    frame = (frame + 1) % spinner.length;
    const line = `${spinner[frame]} ${label} · ${state} · ${clock(Date.now() - startedAt)}`;
    stderr.write(`\r\x1b[2K${line.slice(0, (stderr.columns ?? 80) - 1)}`);
  };
  const timer = setInterval(draw, 100);
  draw();
  return {
    update(next) {
      state = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      stderr.write('\r\x1b[2K');
    },
  };
}
