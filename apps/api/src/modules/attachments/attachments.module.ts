import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsService } from './attachments.service';
import { AttachmentEntity } from './entities/attachment.entity';

@Module({
  imports: [TypeOrmModule.forFeature([AttachmentEntity])],
  providers: [AttachmentStorage, AttachmentsService],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
