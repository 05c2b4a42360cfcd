import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsModule } from '../attachments/attachments.module';
import { CustomFieldsModule } from '../custom-fields/custom-fields.module';
import { DepartmentsModule } from '../departments/departments.module';
import { PermissionsModule } from '../permissions/permissions.module';
import { SettingsModule } from '../settings/settings.module';
import { AttachmentsController } from './attachments.controller';
import { ClientMessageCommand } from './commands/client-message.command';
import { HistoryWriter } from './commands/history-writer';
import { TicketAnnouncer } from './commands/ticket-announcer';
import { TicketCommands } from './commands/ticket-commands';
import { MessageEntity } from './entities/message.entity';
import { TicketParticipantEntity } from './entities/ticket-participant.entity';
import { TicketReadEntity } from './entities/ticket-read.entity';
import { TicketStatusEntity } from './entities/ticket-status.entity';
import { TicketEntity } from './entities/ticket.entity';
import { MessagesController } from './messages.controller';
import { StatusesController } from './statuses.controller';
import { StatusesService } from './statuses.service';
import { TicketActions } from './ticket-actions.service';
import { TicketQueries } from './ticket-queries.service';
import { TicketsController } from './tickets.controller';
import { TicketsService } from './tickets.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([TicketEntity, TicketStatusEntity, MessageEntity, TicketReadEntity, TicketParticipantEntity]),
    AttachmentsModule,
    CustomFieldsModule,
    DepartmentsModule,
    PermissionsModule,
    SettingsModule,
  ],
  controllers: [TicketsController, MessagesController, StatusesController, AttachmentsController],
  providers: [TicketsService, TicketQueries, TicketActions, StatusesService, TicketCommands, ClientMessageCommand, HistoryWriter, TicketAnnouncer],
  // The commands are the one way other modules change a ticket (issue #9).
  exports: [TicketsService, TicketQueries, TicketCommands],
})
export class TicketsModule {}
