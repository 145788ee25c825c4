import { z } from 'zod';
import { timestampField } from '../task.js';
import { workspaceSchema } from '../workspace.js';

export const userRoles = ['user', 'operator'] as const;
export type UserRole = (typeof userRoles)[number];

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(userRoles).describe('`operator` also reaches the admin API and the console’s operator pages.'),
  workspace_id: z
    .string()
    .describe('The workspace the user was created in; its owner’s workspaces are all in reach.'),
  created_at: timestampField,
  disabled_at: timestampField
    .nullable()
    .describe('When an operator disabled the user; a disabled user cannot sign in.'),
});
export type User = z.infer<typeof userSchema>;

export const sessionSchema = z.object({
  user: userSchema,
  workspaces: z.array(workspaceSchema).describe('Every workspace the user can use.'),
  csrf_token: z
    .string()
    .describe(
      'Send it as the X-CSRF-Token header on every call that changes something (POST, PATCH, DELETE).',
    ),
  expires_at: timestampField,
});
export type Session = z.infer<typeof sessionSchema>;

/** An email address as people type it: trimmed and lower-cased, so sign-in ignores case. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be an email address like name@example.com' }).max(254));

export const passwordField = z
  .string()
  .min(10, { error: 'must be at least 10 characters' })
  .max(200, { error: 'must be at most 200 characters' });
