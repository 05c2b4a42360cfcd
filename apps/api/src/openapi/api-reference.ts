import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { routeTable } from '@omnichannel/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The reference page loads only its own files: Swagger UI from the bundled swagger-ui-dist package (no
 * CDN, no third-party request; its validator badge is off) and the document of /api/openapi.json. Nothing
 * inline, so scripts and styles come from 'self' alone; the page may not be framed.
 */
const REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** Starts Swagger UI on the document (relative, so the page works wherever /api is mounted). */
const START_SCRIPT = `window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '${routeTable['system.openapi'].path.slice(1)}',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
  });
});
`;

interface Asset {
  type: string;
  read: () => Buffer;
}

function page(version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Omnichannel API reference</title>
<link rel="stylesheet" href="docs/swagger-ui.css?v=${version}">
<link rel="icon" type="image/png" href="docs/favicon-32x32.png?v=${version}">
</head>
<body>
<div id="swagger-ui"></div>
<script src="docs/swagger-ui-bundle.js?v=${version}"></script>
<script src="docs/reference.js?v=${version}"></script>
</body>
</html>
`;
}

/**
 * GET /api/docs: the human-readable API reference (API-1), and the few files it loads. A page for people,
 * like the SPA's index.html, so it is served beside the API rather than being one of its route contracts.
 */
export function registerApiReference(fastify: FastifyInstance): void {
  const dist = dirname(require.resolve('swagger-ui-dist/package.json'));
  const { version } = JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')) as { version: string };
  const file = (name: string) => () => readFileSync(join(dist, name));
  const assets = new Map<string, Asset>([
    ['swagger-ui-bundle.js', { type: 'application/javascript; charset=utf-8', read: file('swagger-ui-bundle.js') }],
    ['swagger-ui.css', { type: 'text/css; charset=utf-8', read: file('swagger-ui.css') }],
    ['favicon-32x32.png', { type: 'image/png', read: file('favicon-32x32.png') }],
    ['reference.js', { type: 'application/javascript; charset=utf-8', read: () => Buffer.from(START_SCRIPT) }],
  ]);
  // Read on first use and kept, with a gzip copy (the bundle is 1.7 MB as it is).
  const loaded = new Map<string, { plain: Buffer; gzip: Buffer }>();

  const secure = (reply: FastifyReply) =>
    reply.header('content-security-policy', REFERENCE_CSP).header('x-content-type-options', 'nosniff').header('x-frame-options', 'DENY');

  fastify.get('/api/docs', async (_request, reply) => secure(reply).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page(version)));

  fastify.get<{ Params: { file: string } }>('/api/docs/:file', async (request: FastifyRequest<{ Params: { file: string } }>, reply) => {
    const asset = assets.get(request.params.file);
    if (!asset) return reply.callNotFound();
    let bytes = loaded.get(request.params.file);
    if (!bytes) {
      const plain = asset.read();
      bytes = { plain, gzip: gzipSync(plain) };
      loaded.set(request.params.file, bytes);
    }
    const gzip = /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
    secure(reply).type(asset.type).header('cache-control', 'public, max-age=86400').header('vary', 'accept-encoding');
    if (gzip) reply.header('content-encoding', 'gzip');
    return reply.send(gzip ? bytes.gzip : bytes.plain);
  });
}
