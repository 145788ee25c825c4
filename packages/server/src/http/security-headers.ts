import cors from 'cors';
import type { RequestHandler } from 'express';

/**
 * Headers on every answer, the lean task read included: no MIME sniffing, no referrer beyond the
 * origin, no framing, and a content security policy that lets the /docs page load only from this
 * gateway (Swagger UI needs inline styles). JSON answers carry the same policy; it costs nothing.
 * Videos stay fetchable and embeddable by the client's own apps (Cross-Origin-Resource-Policy).
 */
export const securityHeaderValues: Readonly<Record<string, string>> = {
  'Content-Security-Policy':
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

export function securityHeaders(): RequestHandler {
  return (_request, response, next) => {
    response.setHeaders(new Map(Object.entries(securityHeaderValues)));
    next();
  };
}

/**
 * Cross-origin access for browser apps, off unless ADS_CORS_ORIGINS names origins (or `*`). Keys
 * travel in the Authorization header, never in cookies, so credentials mode stays off.
 */
export function corsPolicy(origins: readonly string[] | '*' | undefined): RequestHandler | undefined {
  if (origins === undefined || (Array.isArray(origins) && origins.length === 0)) return undefined;
  return cors({
    origin: origins === '*' ? '*' : [...origins],
    methods: ['GET', 'POST', 'DELETE', 'PATCH', 'PUT', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Api-Key', 'X-Request-Id'],
    exposedHeaders: ['X-Request-Id', 'Retry-After', 'Location'],
    maxAge: 600,
  });
}
