import {
  Permission,
  changeStatusRequestSchema,
  completeRequestSchema,
  inviteRequestSchema,
  messagePageQuerySchema,
  messagePageSchema,
  messageSchema,
  postMessageRequestSchema,
  previousRequestListSchema,
  readRequestSchema,
  ticketDetailSchema,
  ticketIdParamSchema,
  ticketListQuerySchema,
  ticketListSchema,
  ticketSearchQuerySchema,
  ticketSearchResultSchema,
  ticketSummarySchema,
  transferRequestSchema,
  updateCustomValuesRequestSchema,
  type ChangeStatusRequest,
  type CompleteRequest,
  type InviteRequest,
  type Message,
  type MessagePage,
  type MessagePageQuery,
  type PostMessageRequest,
  type PreviousRequestList,
  type ReadRequest,
  type TicketDetail,
  type TicketList,
  type TicketListQuery,
  type TicketSearchQuery,
  type TicketSearchResult,
  type TicketSummary,
  type TransferRequest,
  type UpdateCustomValuesRequest,
} from '@omnichannel/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { TicketActions } from './ticket-actions.service';
import { TicketQueries } from './ticket-queries.service';

const idPipe = new ZodPipe(ticketIdParamSchema);
const historyQuerySchema = messagePageQuerySchema.and(z.object({ view: z.enum(['chat', 'ticket']).default('chat') }));

@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly queries: TicketQueries,
    private readonly actions: TicketActions,
  ) {}

  /** NAV-2 Unassigned, NAV-3 All chats, NAV-4 a channel's live chats. */
  @Get()
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketListSchema)
  list(@Query(new ZodPipe(ticketListQuerySchema)) query: TicketListQuery, @CurrentEmployee() employee: EmployeePrincipal): Promise<TicketList> {
    return this.queries.list(query, employee);
  }

  /** CORE-6: the plain ticket list. */
  @Get('search')
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketSearchResultSchema)
  search(@Query(new ZodPipe(ticketSearchQuerySchema)) query: TicketSearchQuery, @CurrentEmployee() employee: EmployeePrincipal): Promise<TicketSearchResult> {
    return this.queries.search(query, employee);
  }

  @Get(':id')
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketDetailSchema)
  detail(@Param(idPipe) params: { id: string }, @CurrentEmployee() employee: EmployeePrincipal): Promise<TicketDetail> {
    return this.queries.detail(params.id, employee);
  }

  /** WORK-12; `view=ticket` gives the ticket's history (with merged replies, SET-1). */
  @Get(':id/messages')
  @RequirePermission(Permission.OmniAccess)
  @Returns(messagePageSchema)
  messages(
    @Param(idPipe) params: { id: string },
    @Query(new ZodPipe(historyQuerySchema)) query: MessagePageQuery & { view: 'chat' | 'ticket' },
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<MessagePage> {
    return this.queries.messages(params.id, query, employee, query.view);
  }

  /** WORK-5: the client's previous requests. */
  @Get(':id/previous')
  @RequirePermission(Permission.OmniAccess)
  @Returns(previousRequestListSchema)
  async previous(@Param(idPipe) params: { id: string }, @CurrentEmployee() employee: EmployeePrincipal): Promise<PreviousRequestList> {
    return { items: await this.queries.previous(params.id, employee) };
  }

  /** WORK-6: reply (to the client) or comment (internal), with files. */
  @Post(':id/messages')
  @HttpCode(201)
  @RequirePermission(Permission.OmniAccess)
  @Returns(messageSchema)
  post(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(postMessageRequestSchema)) body: PostMessageRequest,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<Message> {
    return this.actions.post(params.id, employee, body);
  }

  /** WORK-2 Take request (from the Unassigned queue, PERM-2). */
  @Post(':id/take')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess, Permission.OmniUnassigned)
  @Returns(ticketSummarySchema)
  take(@Param(idPipe) params: { id: string }, @CurrentEmployee() employee: EmployeePrincipal): Promise<TicketSummary> {
    return this.actions.take(params.id, employee);
  }

  /** WORK-11 Complete; WORK-14 Complete and open as a ticket (`asTicket`). */
  @Post(':id/complete')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketSummarySchema)
  complete(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(completeRequestSchema.optional().transform((b) => b ?? {}))) body: CompleteRequest,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<TicketSummary> {
    return this.actions.complete(params.id, employee, body);
  }

  /** WORK-10 Transfer. */
  @Post(':id/transfer')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketSummarySchema)
  transfer(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(transferRequestSchema)) body: TransferRequest,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<TicketSummary> {
    return this.actions.transfer(params.id, employee, body);
  }

  /** WORK-5: invite an employee (e.g. the previous executor) into the conversation. */
  @Post(':id/invite')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketSummarySchema)
  invite(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(inviteRequestSchema)) body: InviteRequest,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<TicketSummary> {
    return this.actions.invite(params.id, employee, body.employeeId);
  }

  @Post(':id/status')
  @HttpCode(200)
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketSummarySchema)
  changeStatus(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(changeStatusRequestSchema)) body: ChangeStatusRequest,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<TicketSummary> {
    return this.actions.changeStatus(params.id, employee, body.status);
  }

  /** NAV-7: the employee read the conversation up to `seq`. */
  @Post(':id/read')
  @HttpCode(204)
  @RequirePermission(Permission.OmniAccess)
  read(@Param(idPipe) params: { id: string }, @Body(new ZodPipe(readRequestSchema)) body: ReadRequest, @CurrentEmployee() employee: EmployeePrincipal): Promise<void> {
    return this.actions.markRead(params.id, employee, body.seq);
  }

  /** WORK-4: custom field values of the ticket and its client. */
  @Patch(':id/custom')
  @RequirePermission(Permission.OmniAccess)
  @Returns(ticketSummarySchema)
  updateCustom(
    @Param(idPipe) params: { id: string },
    @Body(new ZodPipe(updateCustomValuesRequestSchema)) body: UpdateCustomValuesRequest,
    @CurrentEmployee() employee: EmployeePrincipal,
  ): Promise<TicketSummary> {
    return this.actions.updateCustom(params.id, employee, body);
  }
}
