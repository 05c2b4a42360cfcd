import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClientsModule } from '../clients/clients.module';
import { OmnichannelModule } from '../omnichannel/omnichannel.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ChannelSecrets } from './channel-secrets.service';
import { ChannelWebhooksController } from './channel-webhooks.controller';
import { ChannelWebhooks } from './channel-webhooks.service';
import { ChannelsService } from './channels.service';
import { CHANNEL_CONNECTORS, type ChannelConnector } from './connectors/channel-connector';
import { WidgetConnector } from './connectors/widget.connector';
import { ChannelEventEntity } from './entities/channel-event.entity';
import { ChannelEntity } from './entities/channel.entity';
import { OutboundDeliveryService } from './outbound-delivery.service';

@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity, ChannelEventEntity]), TicketsModule, ClientsModule, OmnichannelModule],
  controllers: [ChannelWebhooksController],
  providers: [
    ChannelsService,
    ChannelSecrets,
    ChannelWebhooks,
    WidgetConnector,
    OutboundDeliveryService,
    {
      provide: CHANNEL_CONNECTORS,
      useFactory: (...connectors: ChannelConnector[]) => connectors,
      inject: [WidgetConnector],
    },
  ],
  exports: [ChannelsService],
})
export class ChannelsModule {}
