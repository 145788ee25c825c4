import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import { userView } from '../../auth/console-users.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

export function usersRouter({ users }: GatewayServices) {
  return server.router(contract.users, {
    listUsers: async () => ({
      status: 200,
      body: { object: 'list' as const, data: (await users.listUsers()).map(userView) },
    }),
    createUser: async ({ body }) => ({ status: 201, body: userView(await users.createUser(body)) }),
    inviteUser: async ({ body }) => ({ status: 201, body: await users.invite(body) }),
    updateUser: async ({ params, body }) => ({
      status: 200,
      body: userView(await users.setDisabled(params.id, body.disabled)),
    }),
  });
}
