import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import type { RequestListener } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import type { Authentication } from '../auth/authentication';
import { docsRouter } from '../docs/docs-page';
import type { Logger } from '../logger';
import { authenticate, type Authenticated } from './authenticate';
import { errorMiddleware } from './error-middleware';
import { leanRequests } from './lean-requests';
import { mountRoutes } from './mount-routes';
import { sendProblem } from './problem';
import { basicHeaders, logWhenFinished, setNoStore } from './request-basics';
import type { Route } from './route';

const noStore: RequestHandler = (_req, res, next) => {
  setNoStore(res);
  next();
};

function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    logWhenFinished(
      logger,
      req,
      res,
      String(res.locals['requestId']),
      () => (res.locals['auth'] as Authenticated | undefined)?.principal,
    );
    next();
  };
}

/** What the HTTP app is built from. */
export interface AppParts {
  readonly routes: readonly Route[];
  readonly authentication: Authentication;
  readonly logger: Logger;
  /** Express's trust proxy setting. */
  readonly trustProxy: string;
  /** The built Angular portal (`dist/client/browser`), served when present. */
  readonly clientDir?: string;
}

/**
 * What the portal's HTTP server runs for each request: the lean routes' plain successes ahead of Express
 * (see leanRequests), everything else through the Express app.
 */
export function createRequestListener(parts: AppParts): RequestListener {
  return leanRequests(parts.routes, parts.authentication, parts.logger, createApp(parts));
}

/** The Express app: request id, security headers, cookies, authentication, the API, docs, the portal. */
function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', parts.trustProxy);
  app.set('query parser', 'simple');
  app.use(basicHeaders, accessLog(parts.logger), cookieParser());
  app.use('/api/v1', noStore, authenticate(parts.authentication), mountRoutes(parts.routes));
  app.use('/api', (req, res) =>
    sendProblem(res, {
      title: 'Not found',
      status: 404,
      detail: `no API route ${req.method} ${req.originalUrl.split('?')[0]}`,
    }),
  );
  app.use('/docs', docsRouter());
  const clientDir = parts.clientDir;
  if (clientDir && fs.existsSync(path.join(clientDir, 'index.html'))) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => res.sendFile(path.join(clientDir, 'index.html')));
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text')
        .send(
          'Environment Manager API is running. The portal is not built: run `npm run build:client`. API docs: /docs',
        );
    });
  }
  app.use(errorMiddleware(parts.logger));
  return app;
}
