import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { commonErrorResponses } from '../errors.js';
import { routeMetadata } from '../route-metadata.js';
import { passwordField, sessionSchema } from './user.js';

const c = initContract();

/** Sign-in for people: the console's cookie session. API keys are untouched by any of it. */
export const sessionContract = c.router(
  {
    signIn: {
      method: 'POST',
      path: '/v1/session',
      body: z.object({
        email: z.string().trim().toLowerCase().min(1, { error: 'must not be empty' }).max(254),
        password: z.string().min(1, { error: 'must not be empty' }).max(200),
      }),
      responses: { 200: sessionSchema },
      summary: 'Sign in with email and password',
      description:
        'Sets the HttpOnly, SameSite=Lax session cookie `ads_session` (12 hours). The answer carries the CSRF token to send as X-CSRF-Token on every call that changes something. Five tries per email per 15 minutes; then 429 with Retry-After.',
      metadata: routeMetadata({
        auth: 'none',
        example: { body: { email: 'ada@example.com', password: 'correct horse battery' } },
      }),
    },
    getSession: {
      method: 'GET',
      path: '/v1/session',
      responses: { 200: sessionSchema },
      summary: 'The signed-in user, their workspaces and the CSRF token',
      metadata: routeMetadata({ auth: 'session' }),
    },
    signOut: {
      method: 'DELETE',
      path: '/v1/session',
      body: c.noBody(),
      responses: { 200: z.object({ signed_out: z.literal(true) }) },
      summary: 'Sign out: ends the session and clears its cookie',
      metadata: routeMetadata({ auth: 'session' }),
    },
    acceptInvite: {
      method: 'POST',
      path: '/v1/invites/accept',
      body: z.object({
        token: z.string().min(1).max(200).describe('The token of the invite link (`/invite/<token>`).'),
        password: passwordField,
      }),
      responses: { 200: sessionSchema },
      summary: 'Accept an invite: choose a password and sign in',
      description: 'An invite works once and for 7 days.',
      metadata: routeMetadata({
        auth: 'none',
        example: { body: { token: 'inv_example', password: 'correct horse battery' } },
      }),
    },
  },
  { commonResponses: commonErrorResponses, strictStatusCodes: true },
);
