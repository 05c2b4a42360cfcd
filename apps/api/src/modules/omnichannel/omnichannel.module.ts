import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { InboundService } from './inbound.service';

@Module({
  imports: [TicketsModule],
  providers: [InboundService],
  exports: [InboundService],
})
export class OmnichannelModule {}
