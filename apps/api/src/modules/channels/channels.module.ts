import { messengerTypes } from '@omnichannel/contracts';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, publicOrigin, type AppConfig } from '../../config/app-config';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AttachmentsService } from '../attachments/attachments.service';
import { ClientsModule } from '../clients/clients.module';
import { ClientsService } from '../clients/clients.service';
import { OmnichannelModule } from '../omnichannel/omnichannel.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ChannelFileLinks } from './channel-file-links.service';
import { ChannelSecrets } from './channel-secrets.service';
import { ChannelWebhooksController } from './channel-webhooks.controller';
import { ChannelWebhooks } from './channel-webhooks.service';
import { ChannelsAdminService } from './channels-admin.service';
import { ChannelsController } from './channels.controller';
import { ChannelsService } from './channels.service';
import { CHANNEL_CONNECTORS, type ChannelConnector } from './connectors/channel-connector';
import { MessengerTyping } from './messenger-typing.service';
import { MessengerConnector } from './connectors/messenger.connector';
import { WidgetConnector } from './connectors/widget.connector';
import { ChannelEventEntity } from './entities/channel-event.entity';
import { ChannelEntity } from './entities/channel.entity';
import { OutboundDeliveryService } from './outbound-delivery.service';
import { PLATFORM_CLIENTS, platformClients, type PlatformClients } from './platforms/clients';

@Module({
  imports: [TypeOrmModule.forFeature([ChannelEntity, ChannelEventEntity]), TicketsModule, ClientsModule, OmnichannelModule, AttachmentsModule],
  controllers: [ChannelWebhooksController, ChannelsController],
  providers: [
    ChannelsService,
    ChannelSecrets,
    ChannelFileLinks,
    ChannelWebhooks,
    ChannelsAdminService,
    WidgetConnector,
    OutboundDeliveryService,
    MessengerTyping,
    { provide: PLATFORM_CLIENTS, useFactory: (config: AppConfig) => platformClients(config), inject: [APP_CONFIG] },
    {
      provide: CHANNEL_CONNECTORS,
      useFactory: (
        widget: WidgetConnector,
        platforms: PlatformClients,
        clients: ClientsService,
        channels: ChannelsService,
        attachments: AttachmentsService,
        links: ChannelFileLinks,
        config: AppConfig,
      ): ChannelConnector[] => {
        const deps = { clients, channels, attachments, fileLinks: () => links.get(), publicOrigin: () => publicOrigin(config) };
        return [widget, ...messengerTypes.map((type) => new MessengerConnector(type, platforms[type], deps))];
      },
      inject: [WidgetConnector, PLATFORM_CLIENTS, ClientsService, ChannelsService, AttachmentsService, ChannelFileLinks, APP_CONFIG],
    },
  ],
  exports: [ChannelsService, ChannelsAdminService],
})
export class ChannelsModule {}
