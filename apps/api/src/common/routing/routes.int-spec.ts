import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { routeTable } from '@omnichannel/contracts';
import { endpointInventory } from '../../../test/route-inventory';
import { useTestApp } from '../../../test/test-app';
import { http } from '../../../test/http';
import { buildOpenApiDocument } from '../../openapi/openapi-document';

describe('the app serves exactly its route contracts (API-1)', () => {
  const t = useTestApp({ reset: 'never' });


  it('every REST handler serves a route contract, at the contract\'s method and path', () => {
    const handlers = endpointInventory(t).filter((e) => e.kind === 'http');
    expect(handlers.filter((e) => !e.route).map((e) => e.name)).toEqual([]);
    for (const e of handlers) expect(e.name).toBe(e.route ? `${e.route.method} /api${e.route.path}` : 'a route contract');
  });

  it('every route contract is served by exactly one handler', () => {
    const served = endpointInventory(t).flatMap((e) => (e.route ? [e.route.id] : []));
    expect(served.sort()).toEqual(Object.keys(routeTable).sort());
  });

  it('serves the OpenAPI document to anyone', async () => {
    const res = await http(t.url, 'GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
  });

  it('serves the reference page from its own files only, under a strict CSP', async () => {
    const page = await fetch(`${t.url}/api/docs`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const html = await page.text();
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(sources.length).toBeGreaterThan(2);
    for (const source of sources) {
      expect(source).toMatch(/^docs\/[a-z0-9.-]+\?v=[\d.]+$/);
      const asset = await fetch(new URL(source, `${t.url}/api/docs`), { headers: { 'accept-encoding': 'gzip' } });
      expect({ source, status: asset.status }).toEqual({ source, status: 200 });
    }
    const start = await (await fetch(`${t.url}/api/docs/reference.js`)).text();
    expect(start).toContain("url: 'openapi.json'");
    expect(start).toContain('validatorUrl: null');
    // Only the listed files: not swagger-ui-dist's own start script (it points at a public demo API).
    expect((await http(t.url, 'GET', '/api/docs/swagger-initializer.js')).status).toBe(404);
  });

  it('sends the Swagger UI bundle compressed to browsers that accept it', async () => {
    const { port } = new URL(t.url);
    const raw = await new Promise<{ encoding: string | undefined; bytes: Buffer }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/api/docs/swagger-ui-bundle.js', headers: { 'accept-encoding': 'gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ encoding: res.headers['content-encoding'], bytes: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
    expect(raw.encoding).toBe('gzip');
    expect(gunzipSync(raw.bytes).toString('utf8')).toContain('SwaggerUIBundle');
  });
});
