import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from '../config/app-config';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The operator SPA may not be framed and loads only its own code. */
const SPA_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss:",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** The widget frame is embedded by any site, but talks only to us. */
const WIDGET_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:",
  'frame-ancestors *',
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export interface WebAssets {
  /** Sends the SPA's index.html (client-side routes), or a short note when the SPA is not built. */
  sendSpa(reply: FastifyReply): FastifyReply;
}

/**
 * Serves what the browser needs besides the API: the operator SPA at /, the widget loader at /widget.js,
 * the widget app under /widget/, and a demo site at /demo with the widget's script tag.
 */
export async function registerWebAssets(fastify: FastifyInstance, config: AppConfig): Promise<WebAssets> {
  const operatorDist = resolve(config.OPERATOR_DIST ?? join(__dirname, '../../../operator/dist'));
  const widgetDist = resolve(config.WIDGET_DIST ?? join(__dirname, '../../../widget/dist'));
  const spaIndexFile = join(operatorDist, 'index.html');
  const spaIndex = existsSync(spaIndexFile) ? readFileSync(spaIndexFile, 'utf8') : null;

  if (spaIndex) {
    // Hashed bundles are immutable; other root files (favicon) are revalidated. index.html is served
    // by sendSpa (with its security headers) for every client-side route instead.
    await fastify.register(fastifyStatic, {
      root: operatorDist,
      prefix: '/',
      wildcard: false,
      index: false,
      decorateReply: false,
      allowedPath: (pathName) => pathName !== '/index.html',
      setHeaders: (res, path) => {
        void res.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache');
      },
    });
  }
  if (existsSync(join(widgetDist, 'app'))) {
    await fastify.register(fastifyStatic, {
      root: join(widgetDist, 'app'),
      prefix: '/widget/',
      wildcard: false,
      index: false,
      decorateReply: false,
      setHeaders: (res, path) => {
        if (path.endsWith('.html')) void res.header('cache-control', 'no-cache').header('content-security-policy', WIDGET_CSP);
        else void res.header('cache-control', IMMUTABLE);
      },
    });
  }
  const loaderFile = join(widgetDist, 'widget.js');
  const loader = existsSync(loaderFile) ? readFileSync(loaderFile) : null;
  fastify.get('/widget.js', async (_request, reply) => {
    if (!loader) return reply.code(404).type('text/plain').send('Widget is not built; run the build first.');
    return reply
      .type('application/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(loader);
  });
  fastify.get('/demo', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(demoPage(config.DEMO_WIDGET_KEY)),
  );

  return {
    sendSpa(reply) {
      if (!spaIndex) return reply.code(404).type('text/plain').send('Operator app is not built; run the build first.');
      return reply
        .code(200)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', SPA_CSP)
        .header('x-frame-options', 'DENY')
        .send(spaIndex);
    },
  };
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (c) => ({ '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' })[c] ?? c);
}

function demoPage(widgetKey: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Northwind Bikes — demo site</title>
<style>
  body { font-family: Georgia, serif; margin: 0; color: #1f2933; background: #f7f5f0; }
  header { background: #1f3a4d; color: #fff; padding: 28px 48px; }
  header h1 { margin: 0; font-size: 28px; letter-spacing: .5px; }
  main { max-width: 760px; margin: 40px auto; padding: 0 24px; line-height: 1.6; }
  .card { background: #fff; border-radius: 10px; padding: 24px 28px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 20px; }
  code { background: #eef1f4; padding: 2px 6px; border-radius: 4px; }
</style>
</head>
<body>
<header><h1>Northwind Bikes</h1><div>City bikes, repairs and rentals since 1998</div></header>
<main>
  <div class="card">
    <h2>Spring service special</h2>
    <p>Bring your bike in for a full tune-up this month. Questions? Use the chat button in the corner:
    an operator answers in the Omnichannel operator app.</p>
  </div>
  <div class="card">
    <h3>This is the Omnichannel demo page</h3>
    <p>The chat widget is embedded with one tag:<br>
    <code>&lt;script src="/widget.js" data-key="${escapeAttribute(widgetKey)}" async&gt;&lt;/script&gt;</code></p>
  </div>
</main>
<script src="/widget.js" data-key="${escapeAttribute(widgetKey)}" async></script>
</body>
</html>
`;
}
