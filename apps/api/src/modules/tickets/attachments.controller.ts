import { ErrorCode, Permission, attachmentSchema, idParamSchema, type Attachment } from '@omnichannel/contracts';
import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RequirePermission } from '../../common/decorators/access.decorator';
import { CurrentEmployee } from '../../common/decorators/principal.decorator';
import { AppError } from '../../common/errors/app-error';
import type { EmployeePrincipal } from '../../common/principal';
import { Returns } from '../../common/validation/returns.decorator';
import { ZodPipe } from '../../common/validation/zod.pipe';
import { readUpload, sendAttachment } from '../attachments/attachment-http';
import { AttachmentsService } from '../attachments/attachments.service';
import { TicketQueries } from './ticket-queries.service';

/**
 * Employees' files (CORE-7). A download is allowed only to someone who may see the file's ticket (PERM-6),
 * for a template's file to any Omni user, and for an unsent upload to its uploader; else "not found".
 */
@Controller('attachments')
export class AttachmentsController {
  constructor(
    private readonly attachments: AttachmentsService,
    private readonly queries: TicketQueries,
  ) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.OmniAccess)
  @Returns(attachmentSchema)
  async upload(@Req() request: FastifyRequest, @CurrentEmployee() employee: EmployeePrincipal): Promise<Attachment> {
    const { fileName, bytes } = await readUpload(request);
    return this.attachments.upload(fileName, bytes, { employeeId: employee.id });
  }

  @Get(':id')
  @RequirePermission(Permission.OmniAccess)
  async download(
    @Param(new ZodPipe(idParamSchema)) params: { id: string },
    @CurrentEmployee() employee: EmployeePrincipal,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const attachment = await this.attachments.find(params.id);
    const allowed =
      attachment &&
      (attachment.templateId !== null ||
        (attachment.ticketId !== null && (await this.queries.canSee(attachment.ticketId, employee)) !== null) ||
        (attachment.ticketId === null && attachment.uploadedByEmployeeId === employee.id));
    if (!attachment || !allowed) throw new AppError(ErrorCode.AttachmentNotFound, 'File not found');
    await sendAttachment(reply, this.attachments, attachment);
  }
}
