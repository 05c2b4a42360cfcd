import { BuiltinOperatorStatus, type DomainEvent } from '@omnichannel/contracts';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Tx } from '../../database/tx';
import { EventConsumers, eachEvent, type EventConsumer } from '../../events/event-consumers';
import { SettingsService } from '../settings/settings.service';
import { TicketCommands } from '../tickets/commands/ticket-commands';
import { DispatcherService } from './dispatcher.service';

/** A chat ended, was handed over or released, or an operator came to a status that receives chats. */
function freesCapacity(e: DomainEvent): boolean {
  switch (e.type) {
    case 'ticket.completed':
    case 'ticket.transferred':
    case 'ticket.released':
      return true;
    case 'ticket.assigned':
      return e.data.previousExecutorId !== null;
    case 'operator.status_changed':
      return e.data.receivesChats;
    default:
      return false;
  }
}

function goesOffline(e: DomainEvent): boolean {
  return e.type === 'operator.status_changed' && e.data.to === BuiltinOperatorStatus.Offline;
}

/**
 * DSP-5, DSP-6 from the event log: capacity appears when a chat ends, is handed over or released, or an
 * operator comes to a status that receives chats: the queue is handed out once the batch commits. An
 * executor who goes offline loses their live requests when the settings say so.
 */
@Injectable()
export class DispatcherQueueConsumer implements EventConsumer, OnModuleInit {
  readonly name = 'dispatcher-queue';
  readonly types = ['ticket.completed', 'ticket.transferred', 'ticket.released', 'ticket.assigned', 'operator.status_changed'] as const;
  private readonly logger = new Logger('DispatcherQueue');

  constructor(
    private readonly consumers: EventConsumers,
    private readonly dispatcher: DispatcherService,
    private readonly commands: TicketCommands,
    private readonly settings: SettingsService,
  ) {}

  onModuleInit(): void {
    this.consumers.register(this);
  }

  /** Events that free capacity, and offline operators (their chats may be handed out again). */
  relevant(events: DomainEvent[]): Promise<DomainEvent[]> {
    return Promise.resolve(events.filter((e) => freesCapacity(e) || goesOffline(e)));
  }

  async handle(events: DomainEvent[], tx: Tx): Promise<void> {
    const offline = events.filter(goesOffline);
    if (offline.length > 0 && (await this.settings.omni(tx.m)).reassignOnOffline) {
      await eachEvent(tx, offline.map((event) => ({ event })), this.logger, async ({ event }, inner) => {
        if (event.type === 'operator.status_changed') await this.releaseAll(inner, event.data.employeeId);
      });
    }
    if (events.some(freesCapacity)) tx.afterCommit(() => this.dispatcher.drainQuietly());
  }

  /** DSP-6: the executor went offline; their live requests are handed out again. */
  private async releaseAll(tx: Tx, employeeId: string): Promise<void> {
    const held = await tx.m.query<{ id: string; name: string }[]>(
      `SELECT t.id, e.name FROM tickets t JOIN employees e ON e.id = t.executor_id WHERE t.executor_id = $1 AND t.live ORDER BY t.created_at`,
      [employeeId],
    );
    const name = held[0]?.name;
    if (name === undefined) return;
    const released = await this.commands.release(tx, held.map((t) => t.id), { id: employeeId, name }, { type: 'system', reason: 'executor offline' });
    if (released.length > 0) tx.afterCommit(() => this.dispatcher.drainQuietly());
  }
}
