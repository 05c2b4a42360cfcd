import {
  Permission,
  createEmployeeRequestSchema,
  employeeListSchema,
  employeeSchema,
  idParamSchema,
  setPasswordRequestSchema,
  updateEmployeeRequestSchema,
  type CreateEmployeeRequest,
  type Employee,
  type EmployeeList,
  type SetPasswordRequest,
  type UpdateEmployeeRequest,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { EmployeesService } from './employees.service';

const idPipe = new ZodPipe(idParamSchema);

@Controller('employees')
export class EmployeesController {
  constructor(private readonly employees: EmployeesService) {}

  @Get()
  @RequirePermission(Permission.AdminEmployees)
  @Returns(employeeListSchema)
  async list(): Promise<EmployeeList> {
    return { items: await this.employees.list() };
  }

  @Get(':id')
  @RequirePermission(Permission.AdminEmployees)
  @Returns(employeeSchema)
  get(@Param(idPipe) params: { id: string }): Promise<Employee> {
    return this.employees.get(params.id);
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.AdminEmployees)
  @Returns(employeeSchema)
  create(
    @Body(new ZodPipe(createEmployeeRequestSchema)) body: CreateEmployeeRequest,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<Employee> {
    return this.employees.create(body, actor);
  }

  @Patch(':id')
  @RequirePermission(Permission.AdminEmployees)
  @Returns(employeeSchema)
  update(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(updateEmployeeRequestSchema)) body: UpdateEmployeeRequest,
    @CurrentEmployee() actor: EmployeePrincipal,
  ): Promise<Employee> {
    return this.employees.update(params.id, body, actor);
  }

  @Post(':id/password')
  @HttpCode(204)
  @RequirePermission(Permission.AdminEmployees)
  setPassword(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(setPasswordRequestSchema)) body: SetPasswordRequest): Promise<void> {
    return this.employees.setPassword(params.id, body.password);
  }

  /** Deletes the account; the employee's tickets and history stay. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.AdminEmployees)
  remove(@Param(idPipe) params: { id: string }): Promise<void> {
    return this.employees.remove(params.id);
  }
}
