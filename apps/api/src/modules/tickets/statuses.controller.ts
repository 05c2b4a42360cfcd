import {
  Permission,
  statusCodeSchema,
  ticketStatusInputSchema,
  ticketStatusListSchema,
  ticketStatusSchema,
  type TicketStatusInfo,
  type TicketStatusInput,
  type TicketStatusList,
} from '@omnichannel/contracts';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { z } from 'zod';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { StatusesService } from './statuses.service';

const codePipe = new ZodPipe(z.object({ code: statusCodeSchema }));

/** CORE-4: ticket statuses (everyone with Omni reads them; PERM-3 edits them). */
@Controller('statuses')
export class StatusesController {
  constructor(private readonly statuses: StatusesService) {}

  @Get()
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketStatusListSchema)
  async list(): Promise<TicketStatusList> {
    return { items: await this.statuses.list() };
  }

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.OmniSettings)
  @Returns(ticketStatusSchema)
  create(@Body(new ZodPipe(ticketStatusInputSchema)) body: TicketStatusInput): Promise<TicketStatusInfo> {
    return this.statuses.create(body);
  }

  @Put(':code')
  @RequirePermission(Permission.OmniSettings)
  @Returns(ticketStatusSchema)
  update(@Param(codePipe) params: { code: string }, @Body(new ZodPipe(ticketStatusInputSchema)) body: TicketStatusInput): Promise<TicketStatusInfo> {
    return this.statuses.update(params.code, body);
  }

  @Delete(':code')
  @HttpCode(204)
  @RequirePermission(Permission.OmniSettings)
  remove(@Param(codePipe) params: { code: string }): Promise<void> {
    return this.statuses.remove(params.code);
  }
}
