import { Module } from '@nestjs/common';
import { AuthModule } from '../modules/auth/auth.module';
import { TicketsModule } from '../modules/tickets/tickets.module';
import { WidgetModule } from '../modules/widget/widget.module';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimePublisher } from './realtime.publisher';

@Module({
  imports: [AuthModule, TicketsModule, WidgetModule],
  providers: [RealtimeGateway, RealtimePublisher],
})
export class RealtimeModule {}
