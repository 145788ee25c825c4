import { cliFlag, defineCommand } from '../command.js';
import { checkedHost, configPath, readConfig, writeConfig } from '../config.js';
import { notAGateway } from '../describe-error.js';

export default defineCommand({
  path: ['login'],
  summary: 'Save the gateway host and your API key',
  description:
    'Checks the key against the gateway (GET /v1/account), then saves host and key to the user config file (mode 0600). ADS_HOST and ADS_API_KEY override the saved values.',
  flags: [
    cliFlag('host', 'string', 'The gateway URL, e.g. http://127.0.0.1:8787', { required: true }),
    cliFlag('api-key', 'string', 'Your API key (sk-...).', { required: true }),
    cliFlag('admin-token', 'string', "Also save the gateway's admin token, for the admin commands."),
    cliFlag('no-verify', 'boolean', 'Save without checking the key against the gateway.'),
  ],
  examples: ['ads login --host http://127.0.0.1:8787 --api-key sk-...'],
  output: {
    fields: {
      host: 'The gateway URL saved.',
      configPath: 'The config file written (mode 0600).',
      workspaceId: "The key's workspace (null with --no-verify).",
      balance: "The workspace's credits (null with --no-verify).",
    },
  },
  async run(context) {
    const host = checkedHost(context.options.host as string);
    const apiKey = context.options.apiKey as string;
    const file = configPath(context.environment);
    let workspace: { id: string; name: string; balance: number } | undefined;
    if (context.options.verify !== false) {
      const { createClient } = await import('@ads/sdk');
      // Errors from here on name the host being logged in to, not the one saved before.
      context.connection = () => ({ host, apiKey, adminToken: undefined });
      const account = await createClient({ baseUrl: host, apiKey }).account.get();
      // A server that answers 200 with anything else (a web page) is not the gateway.
      if (typeof account !== 'object' || account === null || !account.workspace) {
        throw notAGateway(host, 'GET /v1/account');
      }
      workspace = account.workspace;
    }
    const adminToken = (context.options.adminToken as string | undefined) ?? readConfig(file).adminToken;
    writeConfig(file, { host, apiKey, ...(adminToken ? { adminToken } : {}) });
    context.printer.result(
      { host, configPath: file, workspaceId: workspace?.id ?? null, balance: workspace?.balance ?? null },
      () =>
        workspace
          ? `Logged in to ${host}: workspace ${workspace.name} (${workspace.id}), ${workspace.balance} credits.\nSaved to ${file}`
          : `Saved ${host} to ${file} (not checked).`,
    );
  },
});
