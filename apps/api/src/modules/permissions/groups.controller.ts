import { groupRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { GroupsService } from './groups.service';

@Controller()
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Route(groupRoutes.list)
  async list(): Promise<RouteResponse<typeof groupRoutes.list>> {
    return { items: await this.groups.list() };
  }

  @Route(groupRoutes.create)
  create(
    @In() input: RouteInput<typeof groupRoutes.create>,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<RouteResponse<typeof groupRoutes.create>> {
    return this.groups.create(input.body, actor);
  }

  @Route(groupRoutes.update)
  update(
    @In() input: RouteInput<typeof groupRoutes.update>,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<RouteResponse<typeof groupRoutes.update>> {
    return this.groups.update(input.params.id, input.body, actor);
  }

  @Route(groupRoutes.remove)
  remove(@In() input: RouteInput<typeof groupRoutes.remove>): Promise<void> {
    return this.groups.remove(input.params.id);
  }
}
