import { ErrorCode, attachmentRoutes, ticketRoutes, type RouteInput, type RouteResponse } from '@omnichannel/contracts';
import { Controller, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import { AppError } from '../../common/errors/app-error';
import type { EmployeePrincipal } from '../../common/principal';
import { In, Route } from '../../common/routing/route.decorator';
import { readUpload, sendAttachment } from '../attachments/attachment-http';
import { AttachmentsService } from '../attachments/attachments.service';
import { TicketQueries } from './ticket-queries.service';

/**
 * Employees' files (CORE-7). A download is allowed only to someone who may see the file's ticket (PERM-6),
 * for a template's file to any Omni user, and for an unsent upload to its uploader; else "not found". A
 * client's picture (their messenger's, fetched once) for whoever may see a ticket of theirs.
 */
@Controller()
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly queries: TicketQueries,
  ) {}

  @Route(attachmentRoutes.upload)
  async upload(@Req() request: FastifyRequest, @CurrentEmployee() employee: EmployeePrincipal): Promise<RouteResponse<typeof attachmentRoutes.upload>> {
    const { fileName, bytes } = await readUpload(request);
    return this.attachments.upload(fileName, bytes, { employeeId: employee.id });
  }

  @Route(attachmentRoutes.download)
  async download(
    @In() input: RouteInput<typeof attachmentRoutes.download>,
    @CurrentEmployee() employee: EmployeePrincipal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const attachment = await this.attachments.find(input.params.id);
    const allowed =
      attachment &&
      (attachment.templateId !== null ||
        (attachment.ticketId !== null && (await this.queries.canSee(attachment.ticketId, employee)) !== null) ||
        (attachment.ticketId === null && attachment.uploadedByEmployeeId === employee.id));
    if (!attachment || !allowed) throw new AppError(ErrorCode.AttachmentNotFound, 'File not found');
    await sendAttachment(reply, this.attachments, attachment);
  }

  /** WORK-4: the client's picture from their messenger, for whoever may see the ticket. */
  @Route(ticketRoutes.clientAvatar)
  async clientAvatar(
    @In() input: RouteInput<typeof ticketRoutes.clientAvatar>,
    @CurrentEmployee() employee: EmployeePrincipal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!(await this.queries.canSee(input.params.id, employee))) throw new AppError(ErrorCode.TicketNotFound, 'Ticket not found');
    const avatarId = await this.queries.clientAvatarId(input.params.id);
    const attachment = avatarId ? await this.attachments.find(avatarId) : null;
    if (!attachment?.isImage) throw new AppError(ErrorCode.ClientAvatarNotFound, 'The client has no picture from their messenger');
    await sendAttachment(reply, this.attachments, attachment);
  }
}
