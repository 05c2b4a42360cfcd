import { Permission, idParamSchema, messageSchema, type Message } from '@omnichannel/contracts';
import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TicketActions } from './ticket-actions.service';

@Controller('messages')
export class MessagesController {
  constructor(private readonly actions: TicketActions) {}

  /** WORK-9: send a failed reply again. */
  @Post(':id/retry')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess)
  @Returns(messageSchema)
  retry(@Param(new ZodPipe(idParamSchema)) params: { id: string }, @CurrentEmployee() employee: EmployeePrincipal): Promise<Message> {
    return this.actions.retry(params.id, employee);
  }
}
