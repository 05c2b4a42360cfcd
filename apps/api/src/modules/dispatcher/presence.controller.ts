import { presenceRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { PresenceService } from './presence.service';

/** DSP-1 statuses of operators, DSP-4 limits. */
@Controller()
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Route(presenceRoutes.mine)
  mine(@CurrentEmployee() employee: EmployeePrincipal): Promise<RouteResponse<typeof presenceRoutes.mine>> {
    return this.presence.presence(employee.id);
  }

  /** The switch every operator always sees (SET-4 may refuse "offline"). */
  @Route(presenceRoutes.setMine)
  setMine(
    @In() input: RouteInput<typeof presenceRoutes.setMine>,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<RouteResponse<typeof presenceRoutes.setMine>> {
    return this.presence.setStatus(employee.id, input.body.status, 'self');
  }

  @Route(presenceRoutes.operators)
  async operators(): Promise<RouteResponse<typeof presenceRoutes.operators>> {
    return { items: await this.presence.operators() };
  }

  @Route(presenceRoutes.setStatus)
  setStatus(
    @In() input: RouteInput<typeof presenceRoutes.setStatus>,
    @CurrentEmployee() supervisor: EmployeePrincipal,
  ): Promise<RouteResponse<typeof presenceRoutes.setStatus>> {
    return this.presence.setColleagueStatus(supervisor, input.params.id, input.body.status);
  }

  @Route(presenceRoutes.setLimit)
  setLimit(
    @In() input: RouteInput<typeof presenceRoutes.setLimit>,
    @CurrentEmployee() setter: EmployeePrincipal,
  ): Promise<RouteResponse<typeof presenceRoutes.setLimit>> {
    return this.presence.setChatLimit(setter, input.params.id, input.body.chatLimit);
  }
}
