import { employeeRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { EmployeesService } from './employees.service';

@Controller()
export class EmployeesController {
  constructor(private readonly employees: EmployeesService) {}

  @Route(employeeRoutes.list)
  async list(): Promise<RouteResponse<typeof employeeRoutes.list>> {
    return { items: await this.employees.list() };
  }

  @Route(employeeRoutes.get)
  get(@In() input: RouteInput<typeof employeeRoutes.get>): Promise<RouteResponse<typeof employeeRoutes.get>> {
    return this.employees.get(input.params.id);
  }

  @Route(employeeRoutes.create)
  create(
    @In() input: RouteInput<typeof employeeRoutes.create>,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<RouteResponse<typeof employeeRoutes.create>> {
    return this.employees.create(input.body, actor);
  }

  @Route(employeeRoutes.update)
  update(
    @In() input: RouteInput<typeof employeeRoutes.update>,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<RouteResponse<typeof employeeRoutes.update>> {
    return this.employees.update(input.params.id, input.body, actor);
  }

  @Route(employeeRoutes.setPassword)
  setPassword(@In() input: RouteInput<typeof employeeRoutes.setPassword>, @CurrentEmployee() actor: EmployeePrincipal): Promise<void> {
    return this.employees.setPassword(input.params.id, input.body.password, actor);
  }

  @Route(employeeRoutes.remove)
  remove(@In() input: RouteInput<typeof employeeRoutes.remove>, @CurrentEmployee() actor: EmployeePrincipal): Promise<void> {
    return this.employees.remove(input.params.id, actor);
  }
}
