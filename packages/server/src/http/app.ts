import { contract } from '@ads/contract';
import { generateOpenApiDocument } from '@ads/contract/openapi';
import { createExpressEndpoints } from '@ts-rest/express';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { Authenticator } from '../auth/authenticator.js';
import type { GatewayMetrics } from '../metrics.js';
import { authenticateRoute } from './authenticate-route.js';
import type { ProxyTrust } from './client-address.js';
import { consoleSite } from './console-site.js';
import { docsPage } from './docs-page.js';
import { errorHandler, notFoundHandler } from './error-handler.js';
import { fileUpload } from './file-routes.js';
import { metricsRoute } from './metrics-route.js';
import { openAiContent, openAiCreate } from './openai-routes.js';
import { requestContext } from './request-context.js';
import { accountRouter } from './routes/account-router.js';
import { actionsRouter } from './routes/actions-router.js';
import { adminRouter } from './routes/admin-router.js';
import { filesRouter, filesRoutes } from './routes/files-router.js';
import type { GatewayServices } from './routes/gateway-services.js';
import { healthRouter } from './routes/health-router.js';
import { keysRouter } from './routes/keys-router.js';
import { ledgerRouter } from './routes/ledger-router.js';
import { modelsRouter } from './routes/models-router.js';
import { openAiRouter, openAiRoutes, openAiView } from './routes/openai-router.js';
import { sessionRouter } from './routes/session-router.js';
import type { TaskHandlers } from './routes/task-handlers.js';
import { usageRouter } from './routes/usage-router.js';
import { usersRouter } from './routes/users-router.js';
import { videosRouter, videosRoutes } from './routes/videos-router.js';
import { webhooksRouter } from './routes/webhooks-router.js';
import { corsPolicy, securityHeaders } from './security-headers.js';
import type { TaskEventStreams } from './task-event-stream.js';
import { refuseNulInUrl, refuseUnstorableBody } from './text-guard.js';
import { type Downloads, onExpress, type VideoDownloadOptions } from './video-download.js';
import { webhookRoute } from './webhook-route.js';

export interface AppOptions {
  services: GatewayServices;
  /** The hot routes' handlers, shared with the lean path (lean/lean-routes.ts). */
  handlers: TaskHandlers;
  /** The download handlers, shared with the lean path. */
  downloads: Downloads;
  authenticator: Authenticator;
  adminToken: string | undefined;
  logger: Logger;
  metrics: GatewayMetrics;
  /** Largest request body accepted, e.g. "1mb"; larger ones get a 413. */
  bodyLimit: string;
  /** How stored videos are served (GET /v1/tasks/:id/videos/:file). */
  videos: Omit<VideoDownloadOptions, 'engine' | 'authenticator'>;
  /** ADS_UPLOAD_LIMIT: the largest uploaded file, in bytes. */
  uploadLimitBytes: number;
  /**
   * Where sandbox clips were written before the gateway stored videos: tasks settled then keep
   * their `/files/sandbox/<job>.mp4` links, served from here as they were.
   */
  legacySandboxDir: string;
  /** Browser origins allowed to call the API (ADS_CORS_ORIGINS); none by default. */
  corsOrigins?: readonly string[] | '*' | undefined;
  /** Task event streams (served here for cross-origin requests, before express for the rest). */
  eventStreams: TaskEventStreams;
  /** Bearer token GET /metrics requires (ADS_METRICS_TOKEN); open without. */
  metricsToken?: string | undefined;
  /** The reverse proxies whose X-Forwarded-* headers are believed (ADS_TRUST_PROXY). */
  trustProxy: ProxyTrust;
  /** The console's built files, served at `/`; none: no console. */
  consoleDir?: string | undefined;
}

/** The gateway's express app, built from the contract. Exported without listening; main listens. */
export function createApp(options: AppOptions): Express {
  const { services, logger, metrics } = options;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // Express's req.ip and req.protocol believe X-Forwarded-* from the same proxies as the logs.
  app.set('trust proxy', options.trustProxy);
  app.use(requestContext(logger, metrics, options.trustProxy));
  app.use(securityHeaders());
  const cors = corsPolicy(options.corsOrigins);
  if (cors) app.use(cors);
  app.use(refuseNulInUrl);
  app.use(webhookRoute(services.engine, options.bodyLimit));
  app.use('/files/sandbox', express.static(options.legacySandboxDir, { index: false, maxAge: '1d' }));
  // A stream with its own headers: served by express itself, described by the contract all the same.
  app.get(contract.videos.downloadVideo.path, onExpress(options.downloads.video));
  app.get(contract.videos.taskEvents.path, options.eventStreams.express() as never);
  // Multipart uploads and the OpenAI surface's create and content: streamed by express itself.
  const files = {
    engine: services.engine,
    authenticator: options.authenticator,
    links: options.videos.links,
    maxBytes: options.uploadLimitBytes,
    now: options.videos.now,
  };
  app.post(contract.files.uploadFile.path, fileUpload(files));
  app.get(contract.files.downloadFile.path, onExpress(options.downloads.file));
  const openAi = {
    ...files,
    bodyLimit: options.bodyLimit,
    storage: options.videos.storage,
    view: openAiView(services.engine),
  };
  app.post(contract.openai.createVideo.path, openAiCreate(openAi));
  app.get(contract.openai.downloadVideoContent.path, openAiContent(openAi));
  app.use(docsPage());
  if (options.consoleDir) app.use(consoleSite(options.consoleDir));
  const openApi = JSON.stringify(generateOpenApiDocument());
  app.get('/openapi.json', (_request, response) => {
    response.type('json').send(openApi);
  });
  app.get('/metrics', metricsRoute(metrics, options.metricsToken));
  app.use(express.json({ limit: options.bodyLimit, type: () => true }));
  app.use(refuseUnstorableBody);
  createExpressEndpoints(
    { ...contract, videos: videosRoutes, files: filesRoutes, openai: openAiRoutes },
    {
      actions: actionsRouter(services, options.handlers),
      videos: videosRouter(services, options.handlers),
      files: filesRouter(services),
      openai: openAiRouter(services),
      models: modelsRouter(services),
      account: accountRouter(services),
      ledger: ledgerRouter(services),
      webhooks: webhooksRouter(services),
      admin: adminRouter(services),
      session: sessionRouter(services),
      keys: keysRouter(services),
      users: usersRouter(services),
      usage: usageRouter(services),
      health: healthRouter(services),
    },
    app,
    {
      // ts-rest types each route's request precisely; the guard reads only the shared metadata.
      globalMiddleware: [authenticateRoute(options.authenticator, options.adminToken) as never],
      requestValidationErrorHandler: (error, _request, _response, next) => next(error),
    },
  );
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
