import { describeIssues, toErrorIssues } from '@ads/contract';
import type { z } from 'zod';
import { GatewayError } from '../engine/gateway-error.js';

/**
 * Parses one part of a request (params, query) with the route's own schema, for the routes express
 * serves itself: a 400 in the common envelope, naming each field, as ts-rest's routes answer.
 */
export function parseRequestPart<Schema extends z.ZodType>(schema: Schema, value: unknown): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = toErrorIssues(parsed.error.issues);
  throw new GatewayError({ code: 'invalid_request', message: describeIssues(issues), issues });
}
