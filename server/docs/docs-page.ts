import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router } from 'express';

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Environment Manager API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

// the tags start closed: with all of the API's operations (about 140) listed at once, the bundled Swagger
// UI stops rendering after the second tag
const init = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#swagger-ui', deepLinking: true,
  docExpansion: 'none',
  requestInterceptor: (req) => { const m = document.cookie.match(/(?:^|; )XSRF-TOKEN=([^;]+)/);
    if (m) req.headers['X-XSRF-TOKEN'] = decodeURIComponent(m[1]); return req; } });`;

/** The interactive API docs at `/docs` (Swagger UI, served from the npm package, no CDN). */
export function docsRouter(): Router {
  const require = createRequire(import.meta.url);
  const assets = path.dirname(require.resolve('swagger-ui-dist/package.json'));
  const router = Router();
  router.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/init.js', (_req, res) => {
    res.type('application/javascript').send(init);
  });
  router.use('/assets', express.static(assets, { index: false, maxAge: '1d' }));
  return router;
}
