import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(import.meta.dirname, '../../..');

describe('pnpm ads from the repository root', () => {
  it('runs the built CLI and prints nothing but its own output', () => {
    const version = execFileSync('pnpm', ['ads', '--version'], { cwd: root, encoding: 'utf8' });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const help = execFileSync('pnpm', ['ads', 'video', 'query', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.startsWith('Usage: ads video query')).toBe(true);
  });
});
