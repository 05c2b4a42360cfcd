import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TicketsModule } from '../tickets/tickets.module';
import { ChannelsService } from './channels.service';
import { CHANNEL_CONNECTORS, type ChannelConnector } from './connectors/channel-connector';
import { WidgetConnector } from './connectors/widget.connector';
import { ChannelEntity } from './entities/channel.entity';
import { OutboundDeliveryService } from './outbound-delivery.service';

@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity]), TicketsModule],
  providers: [
    ChannelsService,
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
