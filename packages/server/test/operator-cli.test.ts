import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { createdApiKeySchema } from '@ads/contract';
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
      (await cli('keys', 'create', '--workspace-id', 'acme', '--credits', '50', '--json')).stdout,
    );
    // The same fields, by the same names, as POST /v1/admin/keys (and so `ads admin keys create`).
    expect(Object.keys(created).sort()).toEqual(Object.keys(createdApiKeySchema.shape).sort());
    expect(createdApiKeySchema.parse(created).api_key).toMatch(/^sk-[A-Za-z0-9]{40}$/);
    const topUp = JSON.parse(
      (await cli('credits', 'add', '--workspace-id', created.workspace_id, '--amount', '25', '--json'))
        .stdout,
    );
    expect(topUp.workspace).toMatchObject({ id: created.workspace_id, balance: 75 });
    // The name still works, as the hidden --workspace did before.
    await cli('credits', 'add', '--workspace', 'acme', '--amount', '1');
    const keys = JSON.parse((await cli('keys', 'list', '--json')).stdout);
    expect(keys.object).toBe('list');
    expect(keys.data).toHaveLength(1);
    expect(keys.data[0].prefix).toBe(created.api_key.slice(0, 10));
    const limited = JSON.parse(
      (await cli('keys', 'update', '--key-id', created.id, '--rate', '60/min', '--json')).stdout,
    );
    expect(limited.rate_limit).toBe('60/min');
    const revoked = JSON.parse((await cli('keys', 'revoke', '--key-id', created.id, '--json')).stdout);
    expect(revoked.revoked_at).not.toBeNull();
    await expect(cli('credits', 'add', '--workspace-id', 'acme', '--amount', '-3')).rejects.toMatchObject({
      code: 1,
    });
    await expect(cli('keys', 'revoke')).rejects.toMatchObject({ code: 2 });
    await expect(cli('keys', 'frobnicate')).rejects.toMatchObject({ code: 2 });
  });
});
