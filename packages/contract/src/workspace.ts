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

/** `60/min`: at most 60 requests in any minute (also `/s`, `/h`, `/day`). */
export const rateLimitPattern = /^([1-9]\d{0,8})\/(s|sec|second|m|min|minute|h|hour|d|day)$/;

const rateWindows: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `60/min` as a count and a window; undefined when it is not written that way. */
export function parseRateLimit(text: string): { count: number; windowMs: number } | undefined {
  const match = rateLimitPattern.exec(text.trim());
  if (!match) return undefined;
  return { count: Number(match[1]), windowMs: rateWindows[(match[2] as string).charAt(0)] as number };
}

export const spendPeriods = ['day', 'month'] as const;
export type SpendPeriod = (typeof spendPeriods)[number];

/** The limits an operator sets on a key. Each is off when null. */
export const keyLimitsShape = {
  spend_limit: z
    .number()
    .int({ error: 'must be a whole number of credits' })
    .min(0, { error: 'must be 0 or more credits' })
    .max(1_000_000_000_000)
    .nullable()
    .describe('Most credits the key may spend per period (reserves less refunds); null: no limit.'),
  spend_period: z
    .enum(spendPeriods, { error: 'must be day or month' })
    .nullable()
    .describe('The period of the spend limit, in UTC: a calendar day or month.'),
  rate_limit: z
    .string()
    .regex(rateLimitPattern, { error: 'must look like 60/min (also /s, /h, /day)' })
    .nullable()
    .describe('Most requests the key may make per window, e.g. 60/min; null: no limit.'),
};

export const apiKeyInfoSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  prefix: z
    .string()
    .describe('The first characters of the key, to recognise it; the key itself is never shown again.'),
  workspace_id: z.string(),
  created_at: timestampField,
  revoked_at: timestampField.nullable(),
  last_used_at: timestampField
    .nullable()
    .describe('When the key last made a request (to the minute); null when never.'),
  ...keyLimitsShape,
});
export type ApiKeyInfo = z.infer<typeof apiKeyInfoSchema>;

export const workspaceNameField = z
  .string()
  .trim()
  .min(1, { error: 'must not be empty' })
  .max(100, { error: 'must be at most 100 characters' });
