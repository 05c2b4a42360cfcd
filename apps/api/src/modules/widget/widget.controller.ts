import { widgetRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentVisitor } from '../../common/decorators/principal.decorator';
import type { VisitorPrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { readUpload, sendAttachment } from '../attachments/attachment-http';
import { AttachmentsService } from '../attachments/attachments.service';
import { DispatcherService } from '../dispatcher/dispatcher.service';
import { TicketsService } from '../tickets/tickets.service';
import { WidgetService } from './widget.service';

type Input<K extends keyof typeof widgetRoutes> = RouteInput<(typeof widgetRoutes)[K]>;
type Answer<K extends keyof typeof widgetRoutes> = Promise<RouteResponse<(typeof widgetRoutes)[K]>>;

@Controller()
export class WidgetController {
  constructor(
    private readonly widget: WidgetService,
    private readonly attachments: AttachmentsService,
    private readonly tickets: TicketsService,
    private readonly dispatcher: DispatcherService,
  ) {}

  /** Read by the loader on the host page (any origin), before it shows anything. */
  @Route(widgetRoutes.config)
  config(@In() input: Input<'config'>, @Res({ passthrough: true }) reply: FastifyReply): Answer<'config'> {
    void reply.header('access-control-allow-origin', '*').header('cache-control', 'public, max-age=60');
    return this.widget.config(input.query.key);
  }

  @Route(widgetRoutes.createSession)
  createSession(@In() input: Input<'createSession'>): Answer<'createSession'> {
    return this.widget.createSession(input.body.key);
  }

  @Route(widgetRoutes.state)
  state(@CurrentVisitor() visitor: VisitorPrincipal): Answer<'state'> {
    return this.widget.state(visitor);
  }

  /** DSP-5: where the visitor's live conversation stands in the queue for a free operator. */
  @Route(widgetRoutes.queue)
  async queue(@CurrentVisitor() visitor: VisitorPrincipal): Answer<'queue'> {
    const ticketId = await this.tickets.liveTicketOf(visitor.clientId, visitor.channelId);
    return { position: ticketId ? await this.dispatcher.queuePosition(ticketId) : null };
  }

  @Route(widgetRoutes.updateVisitor)
  updateVisitor(@CurrentVisitor() visitor: VisitorPrincipal, @In() input: Input<'updateVisitor'>): Answer<'updateVisitor'> {
    return this.widget.updateVisitor(visitor, input.body);
  }

  /** WGT-9: a file from the visitor; sent with the next message (attachmentIds). */
  @Route(widgetRoutes.upload)
  async upload(@CurrentVisitor() visitor: VisitorPrincipal, @Req() request: FastifyRequest): Answer<'upload'> {
    const { fileName, bytes } = await readUpload(request);
    return this.widget.upload(visitor, fileName, bytes);
  }

  /** A file of the visitor's own conversation (never a comment's), for their token only. */
  @Route(widgetRoutes.download)
  async download(@CurrentVisitor() visitor: VisitorPrincipal, @In() input: Input<'download'>, @Res() reply: FastifyReply): Promise<void> {
    await sendAttachment(reply, this.attachments, await this.widget.attachment(visitor, input.params.id));
  }

  /** The same as the socket's visitor:send, for clients without a socket. */
  @Route(widgetRoutes.sendMessage)
  send(@CurrentVisitor() visitor: VisitorPrincipal, @In() input: Input<'sendMessage'>, @Req() request: FastifyRequest): Answer<'sendMessage'> {
    return this.widget.send(visitor, input.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null });
  }
}
