import {
  Permission,
  messagePageQuerySchema,
  messagePageSchema,
  messageSchema,
  postMessageRequestSchema,
  ticketDetailSchema,
  ticketIdParamSchema,
  ticketListQuerySchema,
  ticketListSchema,
  ticketSummarySchema,
  type Message,
  type MessagePage,
  type MessagePageQuery,
  type PostMessageRequest,
  type TicketDetail,
  type TicketList,
  type TicketListQuery,
  type TicketSummary,
} from '@omnichannel/contracts';
import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TicketsService } from './tickets.service';

const idPipe = new ZodPipe(ticketIdParamSchema);

@Controller('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  /** NAV-2 Unassigned and NAV-3 All chats (mine). */
  @Get()
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketListSchema)
  async list(
    @Query(new ZodPipe(ticketListQuerySchema)) query: TicketListQuery,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<TicketList> {
    return { items: await this.tickets.list(query.view, employee) };
  }

  @Get(':id')
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketDetailSchema)
  detail(@Param(idPipe) params: { id: string }, @CurrentEmployee() employee: EmployeePrincipal): Promise<TicketDetail> {
    return this.tickets.detail(params.id, employee);
  }

  @Get(':id/messages')
  @RequirePermission(Permission.OmniAccess)
  @Returns(messagePageSchema)
  messages(
    @Param(idPipe) params: { id: string },
    @Query(new ZodPipe(messagePageQuerySchema)) query: MessagePageQuery,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<MessagePage> {
    return this.tickets.messages(params.id, query, employee);
  }

  /** WORK-6: reply (to the client) or comment (internal). */
  @Post(':id/messages')
  @HttpCode(201)
  @RequirePermission(Permission.OmniAccess)
  @Returns(messageSchema)
  post(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(postMessageRequestSchema)) body: PostMessageRequest,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<Message> {
    return this.tickets.postEmployeeMessage(params.id, employee, body);
  }

  /** WORK-2 Take request (from the Unassigned queue, PERM-2). */
  @Post(':id/take')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess, Permission.OmniUnassigned)
  @Returns(ticketSummarySchema)
  take(@Param(idPipe) params: { id: string }, @CurrentEmployee() employee: EmployeePrincipal): Promise<TicketSummary> {
    return this.tickets.take(params.id, employee);
  }

  /** WORK-11 Complete conversation. */
  @Post(':id/complete')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketSummarySchema)
  complete(@Param(idPipe) params: { id: string }, @CurrentEmployee() employee: EmployeePrincipal): Promise<TicketSummary> {
    return this.tickets.complete(params.id, employee);
  }
}
