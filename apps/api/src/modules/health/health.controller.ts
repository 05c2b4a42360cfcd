import { ErrorCode, systemRoutes, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { Route } from '../../common/routing/route.decorator';
import { finishesWithin } from '../../common/time-limit';

/** A load balancer waits a few seconds for an answer: a database that does not answer gets a 503 first. */
const HEALTH_WITHIN_MS = 3_000;

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * For load balancers and start-up checks: answers once the database answers. While it is away the
   * error filter answers 503 DATABASE_UNAVAILABLE (a refused connection at once; one that does not answer
   * after a few seconds); the next check after it is back answers 200, with nothing to reset.
   */
  @Route(systemRoutes.health)
  async health(): Promise<RouteResponse<typeof systemRoutes.health>> {
    if (!(await finishesWithin(this.dataSource.query('SELECT 1'), HEALTH_WITHIN_MS))) {
      throw new AppError(ErrorCode.DatabaseUnavailable, 'The database does not answer');
    }
    return { status: 'ok' };
  }
}
