import { type RunningGateway, repositoryServerBin, startGatewayProcess } from '@ads/testing';

export interface ConsoleUser {
  email: string;
  password: string;
  workspace: string;
}

/** A user the tests sign in as: made through the admin API, as an operator would. */
export async function createUser(
  gateway: RunningGateway,
  user: ConsoleUser & { role?: 'user' | 'operator' },
) {
  const response = await fetch(`${gateway.url}/v1/admin/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      email: user.email,
      password: user.password,
      workspace: user.workspace,
      role: user.role ?? 'user',
    }),
  });
  if (response.status !== 201)
    throw new Error(`user ${user.email}: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; workspace_id: string };
}

/** Gives a workspace credits through the admin API. */
export async function topUp(gateway: RunningGateway, workspaceId: string, amount: number) {
  const response = await fetch(`${gateway.url}/v1/admin/workspaces/${workspaceId}/credits`, {
    method: 'POST',
    headers: { authorization: `Bearer ${gateway.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ amount }),
  });
  if (response.status !== 200) throw new Error(`top-up: ${response.status} ${await response.text()}`);
}

/** ads-server as its own process (SQLite, sandbox, emulators), the console served at its root. */
export function startConsoleGateway(): Promise<RunningGateway> {
  return startGatewayProcess({ bin: repositoryServerBin() });
}
