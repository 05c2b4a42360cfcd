import { ErrorCode, systemRoutes, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { redisDown, redisInUse } from '../../common/redis-status';
import { AppError } from '../../common/errors/app-error';
import { Route } from '../../common/routing/route.decorator';
import { finishesWithin } from '../../common/time-limit';

/** A load balancer waits a few seconds for an answer: a database that does not answer gets a 503 first. */
const HEALTH_WITHIN_MS = 3_000;

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For load balancers and start-up checks: answers once the database answers, "degraded" while a Redis
   * connection is down (the instance still serves; live events between instances wait for Redis). While
   * the database is away the error filter answers 503 DATABASE_UNAVAILABLE (a refused connection at once;
   * one that does not answer after a few seconds); the next check after it is back answers 200.
   */
  @Route(systemRoutes.health)
  async health(): Promise<RouteResponse<typeof systemRoutes.health>> {
    if (!(await finishesWithin(this.dataSource.query('SELECT 1'), HEALTH_WITHIN_MS))) {
      throw new AppError(ErrorCode.DatabaseUnavailable, 'The database does not answer');
    }
    if (!redisInUse()) return { status: 'ok', redis: 'unused' };
    return redisDown().length > 0 ? { status: 'degraded', redis: 'down' } : { status: 'ok', redis: 'ok' };
  }
}
