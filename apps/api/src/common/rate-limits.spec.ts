import { apiRouteList } from '@omnichannel/contracts';
import { parseEnv } from '../config/env.schema';
import { rateLimitRules, visitorLimitedRoutes } from './rate-limits';

describe('rate limits (Q-3)', () => {
  it('limit exactly the routes whose contracts declare RATE_LIMITED', () => {
    const config = { ...parseEnv({ NODE_ENV: 'test' }), databaseUrl: 'postgresql://unused' };
    const limited = apiRouteList.filter((r) => r.rateLimited).map((r) => r.id);
    expect([...Object.keys(rateLimitRules(config)), ...visitorLimitedRoutes].sort()).toEqual(limited.sort());
    for (const id of limited) expect(apiRouteList.find((r) => r.id === id)?.errors).toHaveProperty('RATE_LIMITED');
  });
});
