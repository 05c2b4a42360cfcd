import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { TicketsModule } from '../tickets/tickets.module';
import { SlaController } from './sla.controller';
import { SlaDeadlinesConsumer } from './sla-deadlines.consumer';
import { SlaService } from './sla.service';

/** SLA-1, SLA-2: the module's own deadlines. */
@Module({
  imports: [DepartmentsModule, TicketsModule],
  controllers: [SlaController],
  providers: [SlaService, SlaDeadlinesConsumer],
  exports: [SlaService],
})
export class SlaModule {}
