import { tmpdir } from 'node:os';
import { cliReference } from '@ads/cli/reference';
import { describe, expect, it } from 'vitest';
import { runAds } from './support/run-ads.js';

const reference = cliReference();

describe('cliReference (the data the documentation is generated from)', () => {
  it('has every command of `ads --help`, each with its flags as the command’s own help prints them', async () => {
    const help = await runAds(['--help'], { cwd: tmpdir() });
    for (const group of ['login', 'logout', 'video', 'models', 'actions', 'account', 'admin'])
      expect(help.stdout).toContain(group);
    expect(reference.commands).toHaveLength(25);
    const generate = reference.commands.find((command) => command.name === 'ads video generate');
    const generateHelp = await runAds(['video', 'generate', '--help'], { cwd: tmpdir() });
    for (const flag of generate?.flags ?? []) expect(generateHelp.stdout).toContain(flag.flags);
  });

  it('names the request field behind each contract flag, and what --json prints', () => {
    const generate = reference.commands.find((command) => command.name === 'ads video generate');
    expect(generate?.flags.find((flag) => flag.flags.startsWith('--timeout'))?.field).toEqual({
      group: 'body',
      name: 'timeoutMs',
    });
    expect(generate?.flags.find((flag) => flag.flags === '--json')?.field).toBeUndefined();
    expect(generate?.calls?.path).toBe('/api/actions/ai.video.generate_and_wait');
    expect(generate?.output).toEqual({ video: true });
    for (const command of reference.commands) expect(command.output, command.name).toBeDefined();
  });

  it('carries the exit-code table', () => {
    expect(reference.exitCodes.map((entry) => entry.code)).toEqual([0, 1, 2, 3, 4, 5, 130]);
  });
});
