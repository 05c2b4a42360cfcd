import {
  Permission,
  operatorStatusInputSchema,
  operatorStatusListSchema,
  operatorStatusSchema,
  operatorStatusUpdateSchema,
  statusCodeSchema,
  type OperatorStatus,
  type OperatorStatusInput,
  type OperatorStatusList,
  type OperatorStatusUpdate,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { z } from 'zod';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { PresenceService } from './presence.service';

const codePipe = new ZodPipe(z.object({ code: statusCodeSchema }));

/** DSP-1: the operator statuses (everyone with Omni reads them; PERM-3 edits them). */
@Controller('omni/operator-statuses')
export class OperatorStatusesController {
  constructor(private readonly presence: PresenceService) {}

  @Get()
  @RequirePermission(Permission.OmniAccess)
  @Returns(operatorStatusListSchema)
  async list(): Promise<OperatorStatusList> {
    return { items: await this.presence.statuses() };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.OmniSettings)
  @Returns(operatorStatusSchema)
  create(@Body(new ZodPipe(operatorStatusInputSchema)) body: OperatorStatusInput): Promise<OperatorStatus> {
    return this.presence.createStatus(body);
  }

  @Patch(':code')
  @RequirePermission(Permission.OmniSettings)
  @Returns(operatorStatusSchema)
  update(@Param(codePipe) params: { code: string }, @Body(new ZodPipe(operatorStatusUpdateSchema)) body: OperatorStatusUpdate): Promise<OperatorStatus> {
    return this.presence.updateStatus(params.code, body);
  }

  @Delete(':code')
  @HttpCode(204)
  @RequirePermission(Permission.OmniSettings)
  remove(@Param(codePipe) params: { code: string }): Promise<void> {
    return this.presence.removeStatus(params.code);
  }
}
