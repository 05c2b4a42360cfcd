import {
  Permission,
  departmentSlaInputSchema,
  departmentSlaListSchema,
  departmentSlaSchema,
  uuidSchema,
  type DepartmentSla,
  type DepartmentSlaInput,
  type DepartmentSlaList,
} from '@omnichannel/contracts';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { SlaService } from './sla.service';

const idPipe = new ZodPipe(z.object({ departmentId: uuidSchema }));

/** SLA-1: each department's deadlines and working hours (PERM-3). */
@Controller('omni/sla')
export class SlaController {
  constructor(private readonly sla: SlaService) {}

  @Get()
  @RequirePermission(Permission.OmniSettings)
  @Returns(departmentSlaListSchema)
  async list(): Promise<DepartmentSlaList> {
    return { items: await this.sla.list() };
  }

  @Put(':departmentId')
  @RequirePermission(Permission.OmniSettings)
  @Returns(departmentSlaSchema)
  update(@Param(idPipe) params: { departmentId: string }, @Body(new ZodPipe(departmentSlaInputSchema)) body: DepartmentSlaInput): Promise<DepartmentSla> {
    return this.sla.update(params.departmentId, body);
  }
}
