import {
  Permission,
  operatorPresenceListSchema,
  operatorPresenceSchema,
  setChatLimitRequestSchema,
  setMyStatusRequestSchema,
  uuidSchema,
  type OperatorPresence,
  type OperatorPresenceList,
  type SetChatLimitRequest,
  type SetMyStatusRequest,
} from '@omnichannel/contracts';
import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { z } from 'zod';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { PresenceService } from './presence.service';

const idPipe = new ZodPipe(z.object({ id: uuidSchema }));

/** DSP-1 statuses of operators, DSP-4 limits. */
@Controller('omni')
export class PresenceController {
  constructor(private readonly presence: PresenceService) {}

  @Get('presence/me')
  @RequirePermission(Permission.OmniAccess)
  @Returns(operatorPresenceSchema)
  mine(@CurrentEmployee() employee: EmployeePrincipal): Promise<OperatorPresence> {
    return this.presence.presence(employee.id);
  }

  /** The switch every operator always sees (SET-4 may refuse "offline"). */
  @Put('presence/me')
  @RequirePermission(Permission.OmniAccess)
  @Returns(operatorPresenceSchema)
  setMine(@Body(new ZodPipe(setMyStatusRequestSchema)) body: SetMyStatusRequest, @CurrentEmployee() employee: EmployeePrincipal): Promise<OperatorPresence> {
    return this.presence.setStatus(employee.id, body.status, 'self');
  }

  @Get('operators')
  @RequirePermission(Permission.OmniAccess)
  @Returns(operatorPresenceListSchema)
  async operators(): Promise<OperatorPresenceList> {
    return { items: await this.presence.operators() };
  }

  /** A supervisor sets someone's status (e.g. offline for a colleague who left without switching). */
  @Put('operators/:id/status')
  @RequirePermission(Permission.OmniManagement)
  @Returns(operatorPresenceSchema)
  setStatus(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(setMyStatusRequestSchema)) body: SetMyStatusRequest): Promise<OperatorPresence> {
    return this.presence.setStatus(params.id, body.status, 'admin');
  }

  @Put('operators/:id/limit')
  @RequirePermission(Permission.OmniSettings)
  @Returns(operatorPresenceSchema)
  setLimit(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(setChatLimitRequestSchema)) body: SetChatLimitRequest): Promise<OperatorPresence> {
    return this.presence.setChatLimit(params.id, body.chatLimit);
  }
}
