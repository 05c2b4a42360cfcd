import { BuiltinOperatorStatus } from '@omnichannel/contracts';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { loggableError } from '../../common/errors/error-response';
import { SettingsService } from '../settings/settings.service';
import { SlaService } from '../sla/sla.service';
import { TicketHistory } from '../tickets/ticket-history';
import { DispatcherEvents, type StatusChangedEvent } from './dispatcher.events';
import { DispatcherService } from './dispatcher.service';
import { RuleEngine } from './rule-engine';

/**
 * What happens because time passes or an executor leaves: the SLA deadlines (SLA-2), "unanswered for N
 * minutes" rules (DSP-3), re-assignment (DSP-6), and a safety pass over the queue (DSP-5; capacity is
 * normally handed out the moment it appears). Every instance sweeps; each step is a conditional update
 * that only one of them wins.
 */
@Injectable()
export class DispatchClock implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DispatchClock');
  private timer?: NodeJS.Timeout;
  private sweeping = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsService,
    private readonly sla: SlaService,
    private readonly rules: RuleEngine,
    private readonly dispatcher: DispatcherService,
    private readonly history: TicketHistory,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.DISPATCH_SWEEP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      await this.sla.markBreaches();
      await this.rules.fireUnanswered();
      await this.reassignUnreplied();
      await this.dispatcher.drain();
    } catch (error) {
      this.logger.error({ err: loggableError(error), msg: 'Dispatcher sweep failed' });
    } finally {
      this.sweeping = false;
    }
  }

  /** DSP-6: when the executor goes offline, their live requests are handed out again (if the settings say so). */
  @OnEvent(DispatcherEvents.StatusChanged, { promisify: true })
  async statusChanged({ presence }: StatusChangedEvent): Promise<void> {
    if (presence.status !== BuiltinOperatorStatus.Offline || !(await this.settings.omni()).reassignOnOffline) return;
    const held = await this.dataSource.query<{ id: string }[]>('SELECT id FROM tickets WHERE executor_id = $1 AND live ORDER BY created_at', [presence.employeeId]);
    await this.release(held.map((t) => ({ id: t.id, executorId: presence.employeeId, executorName: presence.name })));
  }

  /** DSP-6: an executor who has not replied within N minutes of getting the request (or of the client's message) loses it. */
  private async reassignUnreplied(): Promise<void> {
    const minutes = (await this.settings.omni()).reassignAfterMinutes;
    if (!minutes) return;
    const stale = await this.dataSource.query<{ id: string; executor_id: string; executor_name: string }[]>(
      `SELECT t.id, t.executor_id, e.name AS executor_name FROM tickets t JOIN employees e ON e.id = t.executor_id
        WHERE t.live AND t.waiting_since <= now() - make_interval(mins => $1) AND t.assigned_at <= now() - make_interval(mins => $1)
        ORDER BY t.waiting_since LIMIT 500`,
      [minutes],
    );
    await this.release(stale.map((t) => ({ id: t.id, executorId: t.executor_id, executorName: t.executor_name })));
  }

  private async release(tickets: { id: string; executorId: string; executorName: string }[]): Promise<void> {
    for (const t of tickets) {
      const entry = await this.dataSource.transaction((m) => this.dispatcher.reassign(m, t.id, t.executorId, t.executorName));
      if (entry) await this.history.announce(t.id, 'assigned', [entry], { executorId: t.executorId });
    }
    if (tickets.length > 0) await this.dispatcher.drainQuietly();
  }
}
