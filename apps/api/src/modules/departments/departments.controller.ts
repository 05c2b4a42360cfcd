import { departmentRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { DepartmentsService } from './departments.service';

@Controller()
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Route(departmentRoutes.list)
  async list(): Promise<RouteResponse<typeof departmentRoutes.list>> {
    return { items: await this.departments.list() };
  }

  @Route(departmentRoutes.create)
  create(
    @In() input: RouteInput<typeof departmentRoutes.create>,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<RouteResponse<typeof departmentRoutes.create>> {
    return this.departments.create(input.body, actor);
  }

  @Route(departmentRoutes.update)
  update(
    @In() input: RouteInput<typeof departmentRoutes.update>,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<RouteResponse<typeof departmentRoutes.update>> {
    return this.departments.update(input.params.id, input.body, actor);
  }

  @Route(departmentRoutes.remove)
  remove(@In() input: RouteInput<typeof departmentRoutes.remove>): Promise<void> {
    return this.departments.remove(input.params.id);
  }
}
