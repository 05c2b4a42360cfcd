import {
  changePasswordRequestSchema,
  updateProfileRequestSchema,
  type ChangePasswordRequest,
  type UpdateProfileRequest,
} from '@omnichannel/contracts';
import { Body, Controller, HttpCode, Patch, Post } from '@nestjs/common';
import { EmployeeAccess } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { EmployeesService } from './employees.service';

/** The signed-in employee's own profile: name, avatar, interface language, password. */
@Controller('profile')
export class ProfileController {
  constructor(private readonly employees: EmployeesService) {}

  @Patch()
  @HttpCode(204)
  @EmployeeAccess()
  update(@CurrentEmployee() me: EmployeePrincipal, @Body(new ZodPipe(updateProfileRequestSchema)) body: UpdateProfileRequest): Promise<void> {
    return this.employees.updateProfile(me, body);
  }

  /** Ends every other session of the employee. */
  @Post('password')
  @HttpCode(204)
  @EmployeeAccess()
  changePassword(
    @CurrentEmployee() me: EmployeePrincipal,
    @Body(new ZodPipe(changePasswordRequestSchema)) body: ChangePasswordRequest,
  ): Promise<void> {
    return this.employees.changeOwnPassword(me, body);
  }
}
