import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { routeMetadata } from '../route-metadata.js';
import { timestampField } from '../task.js';
import { emailField, passwordField, userRoles, userSchema } from './user.js';

const c = initContract();
const admin = routeMetadata({ auth: 'admin' });

const workspaceRef = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .describe('The workspace (id or name) the user works in; created when no workspace has that name.');

export const inviteSchema = z.object({
  email: z.string(),
  workspace_id: z.string(),
  role: z.enum(userRoles),
  url: z.string().describe('The one-time sign-up link; it works once and for 7 days.'),
  expires_at: timestampField,
});

/** The operator's user management: the admin token, or a session of a user with the operator role. */
export const usersContract = c.router(
  {
    listUsers: {
      method: 'GET',
      path: '/v1/admin/users',
      responses: { 200: z.object({ object: z.literal('list'), data: z.array(userSchema) }) },
      summary: 'List the console users',
      metadata: admin,
    },
    createUser: {
      method: 'POST',
      path: '/v1/admin/users',
      body: z.object({
        email: emailField,
        password: passwordField,
        workspace: workspaceRef,
        role: z.enum(userRoles).default('user'),
      }),
      responses: { 201: userSchema },
      summary: 'Create a user with a password',
      metadata: routeMetadata({
        auth: 'admin',
        example: { body: { email: 'ada@example.com', password: 'correct horse battery', workspace: 'acme' } },
      }),
    },
    inviteUser: {
      method: 'POST',
      path: '/v1/admin/invites',
      body: z.object({ email: emailField, workspace: workspaceRef, role: z.enum(userRoles).default('user') }),
      responses: { 201: inviteSchema },
      summary: 'Invite a user: a one-time link where they choose their password',
      metadata: routeMetadata({
        auth: 'admin',
        example: { body: { email: 'ada@example.com', workspace: 'acme' } },
      }),
    },
    updateUser: {
      method: 'PATCH',
      path: '/v1/admin/users/:id',
      pathParams: z.object({ id: z.string().min(1).max(100) }),
      body: z.object({
        disabled: z.boolean().describe('true signs the user out everywhere and refuses sign-in.'),
      }),
      responses: { 200: userSchema },
      summary: 'Disable or enable a user',
      metadata: routeMetadata({
        auth: 'admin',
        example: { params: { id: 'usr_5f2a9c7e1b3d4f6a8c0e' }, body: { disabled: true } },
      }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
