import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiRouteList } from '@omnichannel/contracts';
import { buildOpenApiDocument } from './openapi-document';

const committed = join(__dirname, '../../../../docs/openapi.json');
const text = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

describe('the OpenAPI document (API-1)', () => {
  const document = buildOpenApiDocument();

  it('is the committed docs/openapi.json, so every route change shows in review', () => {
    const current = readFileSync(committed, 'utf8');
    if (current !== text(document)) {
      throw new Error('docs/openapi.json is not the document the route contracts give. Regenerate it with `npm run openapi` and commit it.');
    }
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', () => {
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, text(document));
      const run = spawnSync(process.execPath, [join(__dirname, '../../scripts/validate-openapi.mjs'), file], { encoding: 'utf8' });
      expect({ status: run.status, errors: run.stderr }).toEqual({ status: 0, errors: '' });
      expect(run.stdout).toContain('valid OpenAPI 3.1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has one operation per route contract, named by its id, with its security and every error code', () => {
    const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'patch', 'delete'] as const).flatMap((method) => (item[method] ? [{ path, method, operation: item[method] }] : [])),
    );
    expect(operations.map((o) => o.operation.operationId).sort()).toEqual(apiRouteList.map((r) => r.id).sort());
    const take = operations.find((o) => o.operation.operationId === 'tickets.take');
    expect(take).toMatchObject({ path: '/tickets/{id}/take', method: 'post' });
    expect(take?.operation.security).toEqual([{ sessionCookie: ['omni.access', 'omni.unassigned'] }, { apiToken: ['omni.access', 'omni.unassigned'] }]);
    expect(Object.keys(take?.operation.responses ?? {})).toEqual(['200', '400', '401', '403', '404', '409', '500', '503']);
    expect(JSON.stringify(take?.operation.responses?.['409'])).toContain('#/components/schemas/TicketAlreadyTakenError');
    expect(document.components?.schemas?.TicketAlreadyTakenError).toMatchObject({ required: ['code', 'message', 'details', 'requestId'] });
    expect(operations.find((o) => o.operation.operationId === 'system.health')?.operation.security).toEqual([]);
    expect(operations.find((o) => o.operation.operationId === 'widget.state')?.operation.security).toEqual([{ visitorToken: [] }]);
  });
});
