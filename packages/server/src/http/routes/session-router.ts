import { contract } from '@ads/contract';
import { initServer } from '@ts-rest/express';
import type { Request, Response } from 'express';
import { type SignedIn, sessionCookie, sessionLifetimeMs } from '../../auth/console-users.js';
import { GatewayError } from '../../engine/gateway-error.js';
import type { GatewayServices } from './gateway-services.js';

const server = initServer();

/**
 * HttpOnly (no script reads it), SameSite=Lax (no cross-site form sends it), Secure over HTTPS
 * (this request's, or the public address's when a proxy ends TLS in front of the gateway).
 */
function setSessionCookie(request: Request, response: Response, signedIn: SignedIn, publicUrl: string): void {
  response.cookie(sessionCookie, signedIn.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: request.secure || publicUrl.startsWith('https:'),
    path: '/',
    maxAge: sessionLifetimeMs,
  });
}

/**
 * Signing in from another site's page is refused (login CSRF: a victim signed in to the attacker's
 * account). Browsers send Origin on every POST; a client without one (curl, the SDK) is not a page.
 */
function refuseForeignOrigin(request: Request): void {
  const origin = request.headers.origin;
  if (!origin) return;
  let host: string | undefined;
  try {
    host = new URL(origin).host;
  } catch {
    host = undefined;
  }
  if (host !== request.headers.host) {
    throw new GatewayError({
      code: 'forbidden',
      message: `Sign-in is only accepted from the gateway's own pages, not from ${origin}.`,
    });
  }
}

export function sessionRouter({ users }: GatewayServices) {
  const current = async (request: Request) => {
    const session = await users.sessionOf(request.headers);
    if (!session) throw new GatewayError({ code: 'unauthorized', message: 'Not signed in.' });
    return session;
  };
  return server.router(contract.session, {
    signIn: async ({ body, req, res }) => {
      refuseForeignOrigin(req);
      const signedIn = await users.signIn({
        email: body.email,
        password: body.password,
        address: req.ip ?? 'unknown',
      });
      setSessionCookie(req, res, signedIn, users.publicUrl());
      return { status: 200, body: signedIn.session };
    },
    getSession: async ({ req }) => ({ status: 200, body: await users.sessionView(await current(req)) }),
    signOut: async ({ req, res }) => {
      await users.signOut(await current(req));
      res.clearCookie(sessionCookie, { path: '/' });
      return { status: 200, body: { signed_out: true as const } };
    },
    acceptInvite: async ({ body, req, res }) => {
      refuseForeignOrigin(req);
      const signedIn = await users.acceptInvite(body.token, body.password);
      setSessionCookie(req, res, signedIn, users.publicUrl());
      return { status: 200, body: signedIn.session };
    },
  });
}
