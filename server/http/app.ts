import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import type { Authentication } from '../auth/authentication';
import { docsRouter } from '../docs/docs-page';
import type { Logger } from '../logger';
import { authenticate, type Authenticated } from './authenticate';
import { errorMiddleware } from './error-middleware';
import { mountRoutes } from './mount-routes';
import { sendProblem } from './problem';
import type { Route } from './route';

const requestId: RequestHandler = (req, res, next) => {
  const given = req.header('x-request-id');
  const id = given && /^[A-Za-z0-9._-]{8,100}$/.test(given) ? given : randomUUID();
  res.locals['requestId'] = id;
  res.setHeader('X-Request-Id', id);
  next();
};

const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'",
  );
  next();
};

const noStore: RequestHandler = (_req, res, next) => {
  // API replies carry catalogue data and tokens: never kept by browsers or shared caches
  res.setHeader('Cache-Control', 'no-store');
  next();
};

function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => {
      // how the caller came (session, bearer, api-token, toggle-token) and a token's id: never a secret or hash
      const principal = (res.locals['auth'] as Authenticated | undefined)?.principal;
      logger.debug('request', {
        requestId: res.locals['requestId'],
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
        ...(principal ? { via: principal.via } : {}),
        ...(principal?.tokenId ? { tokenId: principal.tokenId } : {}),
      });
    });
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

/** The Express app: request id, security headers, cookies, authentication, the API, docs, the portal. */
export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', parts.trustProxy);
  app.set('query parser', 'simple');
  app.use(requestId, securityHeaders, accessLog(parts.logger), cookieParser());
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
