import { systemRoutes, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Route } from '../../common/routing/route.decorator';

@Controller()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** For load balancers and start-up checks: answers once the database answers. */
  @Route(systemRoutes.health)
  async health(): Promise<RouteResponse<typeof systemRoutes.health>> {
    await this.dataSource.query('SELECT 1');
    return { status: 'ok' };
  }
}
