import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { SlaModule } from '../sla/sla.module';
import { TicketsModule } from '../tickets/tickets.module';
import { DispatchClock } from './dispatch-clock';
import { DispatcherQueueConsumer } from './dispatcher-queue.consumer';
import { DispatcherService } from './dispatcher.service';
import { OperatorStatusesController } from './operator-statuses.controller';
import { PresenceController } from './presence.controller';
import { PresenceService } from './presence.service';
import { RuleEngine } from './rule-engine';
import { RulesConsumer } from './rules.consumer';
import { RulesController } from './rules.controller';
import { RulesService } from './rules.service';

/** Operator statuses, the dispatcher and its rules (DSP-1…DSP-7). */
@Module({
  imports: [SettingsModule, SlaModule, TicketsModule],
  controllers: [PresenceController, OperatorStatusesController, RulesController],
  providers: [PresenceService, DispatcherService, RulesService, RuleEngine, DispatchClock, RulesConsumer, DispatcherQueueConsumer],
  exports: [PresenceService, DispatcherService],
})
export class DispatcherModule {}
