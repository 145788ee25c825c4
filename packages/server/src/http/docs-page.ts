import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);
const swaggerDirectory = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>ads API reference</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="reference"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>
`;

const initializer = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
  tryItOutEnabled: true,
  persistAuthorization: true,
});
`;

/**
 * The interactive API reference at /docs: Swagger UI over /openapi.json, every asset served from this
 * gateway (nothing is loaded from another host), locked down by a content security policy.
 */
export function docsPage(): Router {
  const router = express.Router();
  router.use('/docs', (_request, response, next) => {
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'",
    );
    next();
  });
  router.get('/docs', (_request, response) => {
    response.type('html').send(page);
  });
  router.get('/docs/init.js', (_request, response) => {
    response.type('application/javascript').send(initializer);
  });
  router.use('/docs/assets', express.static(swaggerDirectory, { index: false, maxAge: '1h' }));
  return router;
}
