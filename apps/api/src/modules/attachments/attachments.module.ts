import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsJanitor } from './attachments-janitor';
import { AttachmentsService } from './attachments.service';
import { AttachmentEntity } from './entities/attachment.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AttachmentEntity])],
  providers: [AttachmentStorage, AttachmentsService, AttachmentsJanitor],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
