import { statusRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { In, Route } from '../../common/routing/route.decorator';
import { StatusesService } from './statuses.service';

/** CORE-4: ticket statuses (everyone with Omni reads them; PERM-3 edits them). */
@Controller()
export class StatusesController {
  constructor(private readonly statuses: StatusesService) {}

  @Route(statusRoutes.list)
  async list(): Promise<RouteResponse<typeof statusRoutes.list>> {
    return { items: await this.statuses.list() };
  }

  @Route(statusRoutes.create)
  create(@In() input: RouteInput<typeof statusRoutes.create>): Promise<RouteResponse<typeof statusRoutes.create>> {
    return this.statuses.create(input.body);
  }

  @Route(statusRoutes.update)
  update(@In() input: RouteInput<typeof statusRoutes.update>): Promise<RouteResponse<typeof statusRoutes.update>> {
    return this.statuses.update(input.params.code, input.body);
  }

  @Route(statusRoutes.remove)
  remove(@In() input: RouteInput<typeof statusRoutes.remove>): Promise<void> {
    return this.statuses.remove(input.params.code);
  }
}
