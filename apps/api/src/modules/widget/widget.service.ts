import {
  ErrorCode,
  type Attachment,
  type UpdateVisitorRequest,
  type Visitor,
  type VisitorMessage,
  type VisitorReceipt,
  type VisitorSendMessage,
  type VisitorSession,
  type VisitorState,
  type VisitorSyncRequest,
  type VisitorSyncResponse,
  type WidgetConfig,
} from '@omnichannel/contracts';
import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import type { VisitorPrincipal } from '../../common/principal';
import { VisitorTokensService } from '../auth/visitor-tokens.service';
import { ChannelsService, type Channel } from '../channels/channels.service';
import { ClientsService, type Client } from '../clients/clients.service';
import { AttachmentsService, type StoredAttachment } from '../attachments/attachments.service';
import { InboundService } from '../omnichannel/inbound.service';
import { toVisitorMessage } from '../tickets/tickets.mappers';
import { TicketsService } from '../tickets/tickets.service';
import { VisitorLimits } from './visitor-limits';

export interface ConnectionMeta {
  ip: string | null;
  userAgent: string | null;
}

/** The site widget channel: visitor sessions, the visitor's conversation, and their messages in. */
@Injectable()
export class WidgetService {
  constructor(
    private readonly channels: ChannelsService,
    private readonly clients: ClientsService,
    private readonly tokens: VisitorTokensService,
    private readonly inbound: InboundService,
    private readonly tickets: TicketsService,
    private readonly attachments: AttachmentsService,
    private readonly limits: VisitorLimits,
  ) {}

  async config(key: string): Promise<WidgetConfig> {
    const channel = await this.channelByKey(key);
    return { key, title: channel.name, position: channel.settings.position === 'left' ? 'left' : 'right' };
  }

  /** A new anonymous visitor on this widget, with a server-minted token (never client-chosen). */
  async createSession(key: string): Promise<VisitorSession> {
    const channel = await this.channelByKey(key);
    const { client } = await this.clients.findOrCreateByIdentity(channel.id, randomUUID());
    const token = await this.tokens.mint(client.id, channel.id);
    return { token, visitor: toVisitor(client) };
  }

  async state(principal: VisitorPrincipal): Promise<VisitorState> {
    const client = await this.client(principal);
    return { visitor: toVisitor(client), ...(await this.tickets.visitorState(principal.clientId, principal.channelId)) };
  }

  async updateVisitor(principal: VisitorPrincipal, patch: UpdateVisitorRequest): Promise<Visitor> {
    return toVisitor(await this.clients.updateProfile(principal.clientId, patch));
  }

  /** REST and socket alike: one budget per visitor (issue #10 point 6). */
  async send(principal: VisitorPrincipal, request: VisitorSendMessage, meta: ConnectionMeta): Promise<VisitorMessage> {
    await this.limits.message(principal.clientId);
    const channel = await this.channels.findById(principal.channelId);
    if (!channel?.enabled) throw new AppError(ErrorCode.WidgetKeyUnknown, 'This chat is no longer available');
    const { message } = await this.inbound.receive({
      channel,
      clientId: principal.clientId,
      body: request.body,
      dedupeKey: request.clientMsgId,
      attachmentIds: request.attachmentIds ?? [],
      source: {
        pageUrl: request.page?.url ?? null,
        referrer: request.page?.referrer ?? null,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
      },
    });
    const visible = toVisitorMessage(message);
    if (!visible) throw new Error('A client message must be visible to its client');
    return visible;
  }

  /** Within the visitor's hourly quota, counted before anything is stored and given back when the file is refused. */
  async upload(principal: VisitorPrincipal, fileName: string, bytes: Buffer): Promise<Attachment> {
    await this.limits.upload(principal.clientId, bytes.length);
    try {
      return await this.attachments.upload(fileName, bytes, { clientId: principal.clientId });
    } catch (error) {
      await this.limits.refundUpload(principal.clientId, bytes.length);
      throw error;
    }
  }

  attachment(principal: VisitorPrincipal, attachmentId: string): Promise<StoredAttachment> {
    return this.tickets.visitorAttachment(principal.clientId, attachmentId);
  }

  liveTicket(principal: VisitorPrincipal): Promise<string | null> {
    return this.tickets.liveTicketOf(principal.clientId, principal.channelId);
  }

  sync(principal: VisitorPrincipal, request: VisitorSyncRequest): Promise<VisitorSyncResponse> {
    return this.tickets.visitorSync(principal.clientId, request.ticketId, request.afterSeq);
  }

  receipt(principal: VisitorPrincipal, request: VisitorReceipt): Promise<void> {
    return this.tickets.visitorReceipt(principal.clientId, request.messageIds, request.read);
  }

  private async channelByKey(key: string): Promise<Channel> {
    const channel = await this.channels.findWidgetByKey(key);
    if (!channel) throw new AppError(ErrorCode.WidgetKeyUnknown, `No widget has the key "${key}"`);
    return channel;
  }

  private async client(principal: VisitorPrincipal): Promise<Client> {
    const client = await this.clients.findById(principal.clientId);
    if (!client) throw new AppError(ErrorCode.Unauthenticated, 'Visitor token is no longer valid');
    return client;
  }
}

function toVisitor(client: Client): Visitor {
  return { id: client.id, name: client.name, email: client.email };
}
