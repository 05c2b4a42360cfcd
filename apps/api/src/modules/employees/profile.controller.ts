import { profileRoutes, type RouteInput } from '@omnichannel/contracts';
import { Controller } from '@nestjs/common';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { EmployeesService } from './employees.service';

/** The signed-in employee's own profile: name, avatar, interface language, password. */
@Controller()
export class ProfileController {
  constructor(private readonly employees: EmployeesService) {}

  @Route(profileRoutes.update)
  update(@CurrentEmployee() me: EmployeePrincipal, @In() input: RouteInput<typeof profileRoutes.update>): Promise<void> {
    return this.employees.updateProfile(me, input.body);
  }

  @Route(profileRoutes.changePassword)
  changePassword(@CurrentEmployee() me: EmployeePrincipal, @In() input: RouteInput<typeof profileRoutes.changePassword>): Promise<void> {
    return this.employees.changeOwnPassword(me, input.body);
  }
}
