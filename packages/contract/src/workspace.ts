import { z } from 'zod';
import { timestampField } from './task.js';

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  owner_id: z
    .string()
    .describe("The owner's id: every key of a workspace reaches all workspaces of its owner."),
  balance: z.number().int().describe('Credits available now.'),
  created_at: timestampField,
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const apiKeyInfoSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  prefix: z
    .string()
    .describe('The first characters of the key, to recognise it; the key itself is never shown again.'),
  workspace_id: z.string(),
  created_at: timestampField,
  revoked_at: timestampField.nullable(),
});
export type ApiKeyInfo = z.infer<typeof apiKeyInfoSchema>;

export const workspaceNameField = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });
