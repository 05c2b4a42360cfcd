import { Module } from '@nestjs/common';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { ChannelsModule } from '../channels/channels.module';
import { ClientsModule } from '../clients/clients.module';
import { DispatcherModule } from '../dispatcher/dispatcher.module';
import { OmnichannelModule } from '../omnichannel/omnichannel.module';
import { TicketsModule } from '../tickets/tickets.module';
import { WidgetController } from './widget.controller';
import { VisitorLimits } from './visitor-limits';
import { WidgetService } from './widget.service';

@Module({
  imports: [AttachmentsModule, AuthModule, ChannelsModule, ClientsModule, DispatcherModule, OmnichannelModule, TicketsModule],
  controllers: [WidgetController],
  providers: [WidgetService, VisitorLimits],
  exports: [WidgetService],
})
export class WidgetModule {}
