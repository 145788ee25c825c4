import { z } from 'zod';
import { taskErrorSchema, taskStatusField, timestampField } from '../task.js';

/** A task in the reconcile queue, or one a reconciliation just resolved. */
export const unconfirmedTaskSchema = z.object({
  id: z.string(),
  workspace_id: z.string(),
  provider: z.string(),
  model: z.string(),
  status: taskStatusField,
  credits: z.number().int().describe('The credits the task holds until it is reconciled.'),
  error: taskErrorSchema.nullable(),
  upstream_id: z.string().nullable().describe('The upstream job the task is tracked as, once attached.'),
  upstream_hint: z
    .string()
    .nullable()
    .describe(
      'An upstream id an unverified callback or an error answer named for this task: check it in the provider’s dashboard before attaching it.',
    ),
  created_at: timestampField,
  reconciled_at: timestampField.nullable(),
});
export type UnconfirmedTask = z.infer<typeof unconfirmedTaskSchema>;

export const reconciliationSchema = z.object({
  id: z.string(),
  task_id: z.string(),
  action: z.enum(['refund', 'attach']),
  upstream_id: z.string().nullable(),
  actor: z
    .string()
    .describe('`admin` (the admin token or ads-server), or `webhook` (a verified provider webhook).'),
  reason: z.string(),
  created_at: timestampField,
});
export type ReconciliationView = z.infer<typeof reconciliationSchema>;

export const reconcileBodySchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('refund').describe('Nothing was created upstream: give the credits back.'),
    reason: z.string().trim().min(1).max(500).describe('Why, for the audit and the ledger.'),
  }),
  z.object({
    action: z.literal('attach').describe('The submit did create this upstream job: track it to its end.'),
    upstream_id: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('The provider’s id of the job (kie taskId, fal request_id).'),
    reason: z.string().trim().min(1).max(500).describe('Why, for the audit.'),
  }),
]);
