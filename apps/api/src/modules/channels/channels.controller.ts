import { channelRoutes, ErrorCode, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError } from '../../common/errors/app-error';
import { In, Route } from '../../common/routing/route.decorator';
import { sendAttachment } from '../attachments/attachment-http';
import { AttachmentsService } from '../attachments/attachments.service';
import { ChannelFileLinks } from './channel-file-links.service';
import { ChannelsAdminService } from './channels-admin.service';

/** Settings → Channels (SET-7, CHN-1), and the signed file links platforms download replies' files from. */
@Controller()
export class ChannelsController {
  constructor(
    private readonly admin: ChannelsAdminService,
    private readonly links: ChannelFileLinks,
    private readonly attachments: AttachmentsService,
  ) {}

  @Route(channelRoutes.list)
  async list(): Promise<RouteResponse<typeof channelRoutes.list>> {
    return { items: await this.admin.list() };
  }

  @Route(channelRoutes.create)
  create(@In() input: RouteInput<typeof channelRoutes.create>): Promise<RouteResponse<typeof channelRoutes.create>> {
    return this.admin.create(input.body);
  }

  @Route(channelRoutes.update)
  update(@In() input: RouteInput<typeof channelRoutes.update>): Promise<RouteResponse<typeof channelRoutes.update>> {
    return this.admin.update(input.params.id, input.body);
  }

  @Route(channelRoutes.remove)
  remove(@In() input: RouteInput<typeof channelRoutes.remove>): Promise<void> {
    return this.admin.remove(input.params.id);
  }

  @Route(channelRoutes.registerWebhook)
  registerWebhook(@In() input: RouteInput<typeof channelRoutes.registerWebhook>): Promise<RouteResponse<typeof channelRoutes.registerWebhook>> {
    return this.admin.register(input.params.id);
  }

  @Route(channelRoutes.file)
  async file(@In() input: RouteInput<typeof channelRoutes.file>, @Res() reply: FastifyReply): Promise<void> {
    const id = this.links.attachmentOf(input.params.token);
    const attachment = id && (await this.attachments.find(id));
    // Only a file of a reply (a message), never a stray upload, even with a valid link.
    if (!attachment || !attachment.messageId) throw new AppError(ErrorCode.AttachmentNotFound, 'File not found');
    await sendAttachment(reply, this.attachments, attachment);
  }
}
