import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { loggableError, warnDatabaseUnavailable } from '../../common/errors/error-response';
import { isDatabaseUnavailable } from '../../common/sql';
import { SettingsService } from '../settings/settings.service';
import { SlaService } from '../sla/sla.service';
import { TicketCommands } from '../tickets/commands/ticket-commands';
import { DispatcherService } from './dispatcher.service';
import { RuleEngine } from './rule-engine';

/**
 * What happens because time passes: the SLA deadlines (SLA-2), "unanswered for N minutes" rules (DSP-3),
 * re-assignment of unreplied requests (DSP-6), and a safety pass over the queue (DSP-5; capacity is
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
    private readonly commands: TicketCommands,
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
      if (isDatabaseUnavailable(error)) warnDatabaseUnavailable(error);
      else this.logger.error({ err: loggableError(error), msg: 'Dispatcher sweep failed' });
    } finally {
      this.sweeping = false;
    }
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
    if (tickets.length === 0) return;
    const byExecutor = new Map<string, { name: string; ids: string[] }>();
    for (const t of tickets) {
      const held = byExecutor.get(t.executorId) ?? { name: t.executorName, ids: [] };
      held.ids.push(t.id);
      byExecutor.set(t.executorId, held);
    }
    await this.commands.run(async (tx) => {
      for (const [executorId, held] of byExecutor) {
        await this.commands.release(tx, held.ids, { id: executorId, name: held.name }, { type: 'system', reason: 'no reply' });
      }
    });
    await this.dispatcher.drainQuietly();
  }
}
