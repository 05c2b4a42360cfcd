import {
  attachmentSchema,
  createVisitorSessionRequestSchema,
  idParamSchema,
  type Attachment,
  updateVisitorRequestSchema,
  visitorMessageSchema,
  visitorSchema,
  visitorSendMessageSchema,
  visitorSessionSchema,
  visitorStateSchema,
  visitorQueueSchema,
  type VisitorQueue,
  widgetConfigQuerySchema,
  widgetConfigSchema,
  type UpdateVisitorRequest,
  type Visitor,
  type VisitorMessage,
  type VisitorSendMessage,
  type VisitorSession,
  type VisitorState,
  type WidgetConfig,
} from '@omnichannel/contracts';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, VisitorAccess } from '../../common/decorators/access.decorator';
import { CurrentVisitor } from '../../common/decorators/principal.decorator';
import type { VisitorPrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { readUpload, sendAttachment } from '../attachments/attachment-http';
import { AttachmentsService } from '../attachments/attachments.service';
import { DispatcherService } from '../dispatcher/dispatcher.service';
import { TicketsService } from '../tickets/tickets.service';
import { WidgetService } from './widget.service';

@Controller('widget')
export class WidgetController {
  constructor(
    private readonly widget: WidgetService,
    private readonly attachments: AttachmentsService,
    private readonly tickets: TicketsService,
    private readonly dispatcher: DispatcherService,
  ) {}

  /** Read by the loader on the host page (any origin), before it shows anything. */
  @Get('config')
  @Public()
  @Returns(widgetConfigSchema)
  config(
    @Query(new ZodPipe(widgetConfigQuerySchema)) query: { key: string },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WidgetConfig> {
    void reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60');
    return this.widget.config(query.key);
  }

  @Post('sessions')
  @HttpCode(201)
  @Public()
  @Returns(visitorSessionSchema)
  createSession(@Body(new ZodPipe(createVisitorSessionRequestSchema)) body: { key: string }): Promise<VisitorSession> {
    return this.widget.createSession(body.key);
  }

  @Get('state')
  @VisitorAccess()
  @Returns(visitorStateSchema)
  state(@CurrentVisitor() visitor: VisitorPrincipal): Promise<VisitorState> {
    return this.widget.state(visitor);
  }

  /** DSP-5: where the visitor's live conversation stands in the queue for a free operator. */
  @Get('queue')
  @VisitorAccess()
  @Returns(visitorQueueSchema)
  async queue(@CurrentVisitor() visitor: VisitorPrincipal): Promise<VisitorQueue> {
    const ticketId = await this.tickets.liveTicketOf(visitor.clientId, visitor.channelId);
    return { position: ticketId ? await this.dispatcher.queuePosition(ticketId) : null };
  }

  @Patch('visitor')
  @VisitorAccess()
  @Returns(visitorSchema)
  updateVisitor(
    @CurrentVisitor() visitor: VisitorPrincipal,
    @Body(new ZodPipe(updateVisitorRequestSchema)) body: UpdateVisitorRequest,
  ): Promise<Visitor> {
    return this.widget.updateVisitor(visitor, body);
  }

  /** WGT-9: a file from the visitor; sent with the next message (attachmentIds). */
  @Post('attachments')
  @HttpCode(201)
  @VisitorAccess()
  @Returns(attachmentSchema)
  async upload(@CurrentVisitor() visitor: VisitorPrincipal, @Req() request: FastifyRequest): Promise<Attachment> {
    const { fileName, bytes } = await readUpload(request);
    return this.widget.upload(visitor, fileName, bytes);
  }

  /** A file of the visitor's own conversation (never a comment's), for their token only. */
  @Get('attachments/:id')
  @VisitorAccess()
  async download(
    @CurrentVisitor() visitor: VisitorPrincipal,
    @Param(new ZodPipe(idParamSchema)) params: { id: string },
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await sendAttachment(reply, this.attachments, await this.widget.attachment(visitor, params.id));
  }

  /** The same as the socket's visitor:send, for clients without a socket. */
  @Post('messages')
  @HttpCode(201)
  @VisitorAccess()
  @Returns(visitorMessageSchema)
  send(
    @CurrentVisitor() visitor: VisitorPrincipal,
    @Body(new ZodPipe(visitorSendMessageSchema)) body: VisitorSendMessage,
    @Req() request: FastifyRequest,
  ): Promise<VisitorMessage> {
    return this.widget.send(visitor, body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  }
}
