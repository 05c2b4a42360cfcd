import type { DomainEvent } from '@omnichannel/contracts';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Tx } from '../../database/tx';
import { EventConsumers, eachEvent, type EventConsumer } from '../../events/event-consumers';
import { SlaService } from './sla.service';

/** SLA-1: every new request gets its deadlines; read from the event log, so a crash cannot skip one. */
@Injectable()
export class SlaDeadlinesConsumer implements EventConsumer, OnModuleInit {
  readonly name = 'sla-deadlines';
  readonly types = ['ticket.created'] as const;
  private readonly logger = new Logger('SlaDeadlines');

  constructor(
    private readonly consumers: EventConsumers,
    private readonly sla: SlaService,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  async handle(events: DomainEvent[], tx: Tx): Promise<void> {
    await eachEvent(tx, events.map((event) => ({ event })), this.logger, async ({ event }, inner) => {
      if (event.type === 'ticket.created') await this.sla.stampDeadlines(inner, event.data.ticketId);
    });
  }
}
