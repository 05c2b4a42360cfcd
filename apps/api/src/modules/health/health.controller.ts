import { systemRoutes, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { redisDown, redisInUse } from '../../common/redis-status';
import { Route } from '../../common/routing/route.decorator';

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For load balancers and start-up checks: answers once the database answers; "degraded" while a Redis
   * connection is down (the instance still serves; live events between instances wait for Redis).
   */
  @Route(systemRoutes.health)
  async health(): Promise<RouteResponse<typeof systemRoutes.health>> {
    await this.dataSource.query('SELECT 1');
    if (!redisInUse()) return { status: 'ok', redis: 'unused' };
    return redisDown().length > 0 ? { status: 'degraded', redis: 'down' } : { status: 'ok', redis: 'ok' };
  }
}
