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
  options: { cwd: string; environment?: Record<string, string> },
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
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}
