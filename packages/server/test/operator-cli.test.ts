import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freshStoreEnvironment, storeKinds } from './support/stores.js';

const run = promisify(execFile);
const bin = path.join(import.meta.dirname, '../bin/ads-server.js');

describe.each(storeKinds)('ads-server operator commands on %s', (store) => {
  it('migrates, creates a key as JSON, tops up, lists and revokes', async () => {
    const environment = { ...process.env, ...(await freshStoreEnvironment(store)) };
    const cli = (...args: string[]) => run(process.execPath, [bin, ...args], { env: environment });
    expect((await cli('migrate')).stdout).toContain('latest schema');
    const created = JSON.parse(
      (await cli('keys', 'create', '--workspace', 'acme', '--credits', '50', '--json')).stdout,
    );
    expect(Object.keys(created)).toEqual(['apiKey', 'workspaceId']);
    expect(created.apiKey).toMatch(/^sk-[A-Za-z0-9]{40}$/);
    const topUp = JSON.parse(
      (await cli('credits', 'add', '--workspace', 'acme', '--amount', '25', '--json')).stdout,
    );
    expect(topUp.workspace).toMatchObject({ id: created.workspaceId, balance: 75 });
    const keys = JSON.parse((await cli('keys', 'list', '--json')).stdout);
    expect(keys).toHaveLength(1);
    expect(keys[0].prefix).toBe(created.apiKey.slice(0, 10));
    const revoked = JSON.parse((await cli('keys', 'revoke', keys[0].id, '--json')).stdout);
    expect(revoked.revoked_at).not.toBeNull();
    await expect(cli('credits', 'add', '--workspace', 'acme', '--amount', '-3')).rejects.toMatchObject({
      code: 1,
    });
    await expect(cli('keys', 'frobnicate')).rejects.toMatchObject({ code: 2 });
  });
});
