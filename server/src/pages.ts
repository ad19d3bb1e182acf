import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { type Request, type Response, Router } from 'express';
import { onlyMethods } from './httpErrors.ts';

const PLACEHOLDER = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Balint Timer</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Balint Timer</h1>
<p>The server is running, but the client has not been built yet. Run <code>npm run build</code>
(or <code>npm start</code>, which builds it) and reload this page.</p></body></html>`;

const FAVICONS = ['favicon.ico', 'favicon.svg'];

/**
 * The built client (client/dist): its files, and `index.html` for the page routes. Looked up
 * on every request so a client built after the server started is served without a restart.
 */
export function pageRoutes(clientDist: string): Router {
  const router = Router();
  const indexHtml = join(clientDist, 'index.html');

  // Vite names assets by content hash: they never change, so phones may keep them.
  router.use(
    '/assets',
    express.static(join(clientDist, 'assets'), { immutable: true, maxAge: '365d' }),
  );
  router.use(express.static(clientDist, { index: false }));

  router.get('/favicon.ico', (_request: Request, response: Response) => {
    const icon = FAVICONS.map((name) => join(clientDist, name)).find((path) => existsSync(path));
    if (icon) response.sendFile(icon);
    else response.status(204).end();
  });

  const page = (_request: Request, response: Response) => {
    response.set('Cache-Control', 'no-cache');
    if (existsSync(indexHtml)) response.sendFile(indexHtml);
    else response.type('html').send(PLACEHOLDER);
  };
  const pages = ['/', '/f/:code', '/f/:code/register', '/d/:code', '/m/:code'];
  router.get(pages, page);
  router.all(pages, onlyMethods('GET'));

  return router;
}
