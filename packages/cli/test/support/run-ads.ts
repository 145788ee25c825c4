import { spawn } from 'node:child_process';
import path from 'node:path';

const bin = path.join(import.meta.dirname, '../../bin/ads.js');

export interface AdsRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `ads` as a user runs it: its own process, its own folder, no inherited ADS_* settings. */
export function runAds(
  args: string[],
  options: {
    cwd: string;
    environment?: Record<string, string>;
    /** Called with what stderr has printed so far, as it grows: a test can signal the process from it. */
    onStderr?: (stderr: string, child: ReturnType<typeof spawn>) => void;
  },
): Promise<AdsRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('ADS_') && name !== 'INIT_CWD'),
  );
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    env: { ...inherited, XDG_CONFIG_HOME: path.join(options.cwd, 'config'), ...options.environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += String(chunk);
  });
  child.stderr.on('data', (chunk) => {
    stderr += String(chunk);
    options.onStderr?.(stderr, child);
  });
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : null), stdout, stderr })),
  );
}
