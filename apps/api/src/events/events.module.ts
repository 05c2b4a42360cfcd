import { Global, Module } from '@nestjs/common';
import { EventConsumers } from './event-consumers';
import { EventLog } from './event-log';

/** The durable event log and its consumers, available to every module. */
@Global()
@Module({
  providers: [EventLog, EventConsumers],
  exports: [EventLog, EventConsumers],
})
export class EventsModule {}
