import { operatorStatusRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { In, Route } from '../../common/routing/route.decorator';
import { PresenceService } from './presence.service';

/** DSP-1: the operator statuses (everyone with Omni reads them; PERM-3 edits them). */
@Controller()
export class OperatorStatusesController {
  constructor(private readonly presence: PresenceService) {}

  @Route(operatorStatusRoutes.list)
  async list(): Promise<RouteResponse<typeof operatorStatusRoutes.list>> {
    return { items: await this.presence.statuses() };
  }

  @Route(operatorStatusRoutes.create)
  create(@In() input: RouteInput<typeof operatorStatusRoutes.create>): Promise<RouteResponse<typeof operatorStatusRoutes.create>> {
    return this.presence.createStatus(input.body);
  }

  @Route(operatorStatusRoutes.update)
  update(@In() input: RouteInput<typeof operatorStatusRoutes.update>): Promise<RouteResponse<typeof operatorStatusRoutes.update>> {
    return this.presence.updateStatus(input.params.code, input.body);
  }

  @Route(operatorStatusRoutes.remove)
  remove(@In() input: RouteInput<typeof operatorStatusRoutes.remove>): Promise<void> {
    return this.presence.removeStatus(input.params.code);
  }
}
