import { endpointInventory } from '../../../test/route-inventory';
import { startTestApp, type TestApp } from '../../../test/test-app';

describe('secure by default: every handler declares who may call it (house style, API9)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds the REST routes and socket events of the app', () => {
    const names = endpointInventory(t).map((e) => e.name);
    expect(names).toEqual(expect.arrayContaining(['POST /api/auth/sign-in', 'GET /api/tickets', 'socket visitor:send', 'socket ticket:watch']));
  });

  it('no REST handler or socket event lacks an access rule', () => {
    const undeclared = endpointInventory(t)
      .filter((e) => !e.rule)
      .map((e) => e.name);
    expect(undeclared).toEqual([]);
  });

  it('public endpoints are exactly the ones meant to be public', () => {
    const open = endpointInventory(t)
      .filter((e) => e.rule?.kind === 'public')
      .map((e) => e.name)
      .sort();
    expect(open).toEqual(['GET /api/health', 'GET /api/widget/config', 'POST /api/auth/sign-in', 'POST /api/widget/sessions']);
  });
});
