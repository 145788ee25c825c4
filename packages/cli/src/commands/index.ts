import type { CommandDefinition } from '../command.js';
import account from './account.js';
import accountLedger from './account-ledger.js';
import actionsList from './actions-list.js';
import actionsSchema from './actions-schema.js';
import adminCreditsAdd from './admin-credits-add.js';
import adminKeyCreate from './admin-key-create.js';
import adminKeyRevoke from './admin-key-revoke.js';
import adminKeyUpdate from './admin-key-update.js';
import adminKeysList from './admin-keys-list.js';
import adminWorkspaceCreate from './admin-workspace-create.js';
import adminWorkspacesList from './admin-workspaces-list.js';
import login from './login.js';
import logout from './logout.js';
import modelsList from './models-list.js';
import videoCancel from './video-cancel.js';
import videoDeleteFiles from './video-delete-files.js';
import videoGenerate from './video-generate.js';
import videoList from './video-list.js';
import videoQuery from './video-query.js';
import webhooksAdd from './webhooks-add.js';
import webhooksDeliveries from './webhooks-deliveries.js';
import webhooksList from './webhooks-list.js';
import webhooksRedeliver from './webhooks-redeliver.js';
import webhooksRemove from './webhooks-remove.js';
import webhooksSecret from './webhooks-secret.js';

/** Every `ads` command, in the order `ads --help` lists them. */
export const commands: CommandDefinition[] = [
  login,
  logout,
  videoGenerate,
  videoQuery,
  videoCancel,
  videoList,
  videoDeleteFiles,
  webhooksAdd,
  webhooksList,
  webhooksRemove,
  webhooksDeliveries,
  webhooksRedeliver,
  webhooksSecret,
  modelsList,
  actionsList,
  actionsSchema,
  account,
  accountLedger,
  adminWorkspacesList,
  adminWorkspaceCreate,
  adminCreditsAdd,
  adminKeysList,
  adminKeyCreate,
  adminKeyUpdate,
  adminKeyRevoke,
];

/** What each command group is for, in `ads --help`. */
export const commandGroups: Record<string, string> = {
  video: 'Generate videos, read, wait for, cancel and list tasks, delete their files',
  webhooks: 'Signed webhooks of task events: endpoints, their deliveries, the callback signing secret',
  models: 'The model catalog',
  actions: 'The actions API: list actions, print their JSON Schema',
  admin: 'Operator commands (need the admin token): workspaces, credits, keys',
  'admin workspaces': 'List and create workspaces',
  'admin credits': "Top up a workspace's credits",
  'admin keys': 'List, create, limit and revoke API keys',
};
