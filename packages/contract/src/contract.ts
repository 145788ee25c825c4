import { initContract } from '@ts-rest/core';
import { actionsContract } from './actions/actions-contract.js';
import { adminContract } from './admin/admin-contract.js';
import { keysContract } from './console/keys-contract.js';
import { sessionContract } from './console/session-contract.js';
import { usageContract } from './console/usage-contract.js';
import { usersContract } from './console/users-contract.js';
import { healthContract } from './health/health-contract.js';
import { openAiVideosContract } from './openai/openai-videos-contract.js';
import { accountContract } from './rest/account-contract.js';
import { filesContract } from './rest/files-contract.js';
import { ledgerContract } from './rest/ledger-contract.js';
import { modelsContract } from './rest/models-contract.js';
import { videosContract } from './rest/videos-contract.js';
import { webhooksContract } from './rest/webhooks-contract.js';

const c = initContract();

/** The whole ads API: one router per domain, composed. */
export const contract = c.router({
  actions: actionsContract,
  videos: videosContract,
  files: filesContract,
  openai: openAiVideosContract,
  models: modelsContract,
  account: accountContract,
  ledger: ledgerContract,
  webhooks: webhooksContract,
  admin: adminContract,
  session: sessionContract,
  keys: keysContract,
  users: usersContract,
  usage: usageContract,
  health: healthContract,
});

export type Contract = typeof contract;

/** The routers the console uses beside the rest: the SDK serves them from `@ads/sdk/console`. */
export const consoleRouterNames = ['session', 'keys', 'users', 'usage'] as const;
