import {
  Permission,
  departmentInputSchema,
  departmentListSchema,
  departmentSchema,
  idParamSchema,
  type Department,
  type DepartmentInput,
  type DepartmentList,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { DepartmentsService } from './departments.service';

const idPipe = new ZodPipe(idParamSchema);

@Controller('departments')
export class DepartmentsController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get()
  @RequirePermission(Permission.AdminDepartments)
  @Returns(departmentListSchema)
  async list(): Promise<DepartmentList> {
    return { items: await this.departments.list() };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.AdminDepartments)
  @Returns(departmentSchema)
  create(@Body(new ZodPipe(departmentInputSchema)) body: DepartmentInput): Promise<Department> {
    return this.departments.create(body);
  }

  @Put(':id')
  @RequirePermission(Permission.AdminDepartments)
  @Returns(departmentSchema)
  update(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(departmentInputSchema)) body: DepartmentInput): Promise<Department> {
    return this.departments.update(params.id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.AdminDepartments)
  remove(@Param(idPipe) params: { id: string }): Promise<void> {
    return this.departments.remove(params.id);
  }
}
