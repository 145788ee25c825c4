import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { routeMetadata } from '../route-metadata.js';

const c = initContract();

const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), z.enum(['ok', 'failing'])).describe('Each dependency and its state.'),
});

export const healthContract = c.router({
  health: {
    method: 'GET',
    path: '/healthz',
    responses: { 200: z.object({ status: z.literal('ok') }) },
    summary: 'Liveness: the process answers',
    metadata: routeMetadata({ auth: 'none' }),
  },
  ready: {
    method: 'GET',
    path: '/readyz',
    responses: { 200: readinessSchema, 503: readinessSchema },
    summary: 'Readiness: the store answers and the runner is up',
    metadata: routeMetadata({ auth: 'none' }),
  },
});
