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

// "Try it out" calls the gateway this page was loaded from, whatever address that is.
const initializer = `fetch('/openapi.json')
  .then((response) => response.json())
  .then((spec) => {
    spec.servers = [{ url: window.location.origin }];
    window.ui = SwaggerUIBundle({
      spec,
      dom_id: '#reference',
      deepLinking: true,
      tryItOutEnabled: true,
      persistAuthorization: true,
    });
  });
`;

/**
 * The interactive API reference at /docs: Swagger UI over /openapi.json, every asset served from this
 * gateway (nothing is loaded from another host), under the gateway's content security policy.
 */
export function docsPage(): Router {
  const router = express.Router();
  router.get('/docs', (_request, response) => {
    response.type('html').send(page);
  });
  router.get('/docs/init.js', (_request, response) => {
    response.type('application/javascript').send(initializer);
  });
  router.use('/docs/assets', express.static(swaggerDirectory, { index: false, maxAge: '1h' }));
  return router;
}
