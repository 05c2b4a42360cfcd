import { randomBytes } from 'node:crypto';
import { Permission, allPermissions, omniPermissions } from '@omnichannel/contracts';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ChannelsAdminService } from '../channels/channels-admin.service';
import { ChannelsService } from '../channels/channels.service';
import { DepartmentsService } from '../departments/departments.service';
import { EmployeesService } from '../employees/employees.service';
import { GroupsService } from '../permissions/groups.service';

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.local', name: 'Alex Admin', group: 'Administrators' },
  { email: 'supervisor@demo.local', name: 'Sam Supervisor', group: 'Supervisors' },
  { email: 'operator@demo.local', name: 'Olga Operator', group: 'Operators' },
] as const;

/** The starting groups: what a helpdesk usually has on day one (administrators change them at will). */
const STARTING_GROUPS = {
  Administrators: [...allPermissions],
  Supervisors: [...omniPermissions],
  Operators: [Permission.OmniAccess, Permission.OmniUnassigned],
} as const;

const SEED_LOCK = 7_261_003;

/**
 * First start on an empty database. With SEED_DEMO (default): groups, a department, three employees and
 * the demo widget, so a person can try the product at once. Otherwise, with ADMIN_EMAIL/ADMIN_PASSWORD,
 * just the first administrator. Idempotent: a database that has employees is left alone.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('FirstRun');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly employees: EmployeesService,
    private readonly departments: DepartmentsService,
    private readonly groups: GroupsService,
    private readonly channels: ChannelsService,
    private readonly channelsAdmin: ChannelsAdminService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      if ((await this.employees.count()) > 0) {
        await this.reconnectDemoTelegram();
        return;
      }
      if (this.config.SEED_DEMO) await this.seedDemo();
      else if (this.config.ADMIN_EMAIL && this.config.ADMIN_PASSWORD) await this.seedAdministrator(this.config.ADMIN_EMAIL, this.config.ADMIN_PASSWORD);
      else this.logger.warn('No employees yet: set ADMIN_EMAIL and ADMIN_PASSWORD (or SEED_DEMO=true) to create the first administrator');
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  private async seedDemo(): Promise<void> {
    const password = this.config.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
    const groupIds = new Map<string, string>();
    for (const [name, permissions] of Object.entries(STARTING_GROUPS)) {
      groupIds.set(name, (await this.groups.create({ name, permissions: [...permissions] })).id);
    }
    const department = await this.departments.create({ name: 'Support', displayName: 'Northwind Bikes support' });
    for (const account of DEMO_ACCOUNTS) {
      await this.employees.create({
        email: account.email,
        name: account.name,
        password,
        groupIds: [groupIds.get(account.group) ?? ''],
        departmentIds: [department.id],
      });
    }
    await this.channels.createWidget({ name: 'Website chat', departmentId: department.id, publicKey: this.config.DEMO_WIDGET_KEY });
    if (this.config.DEMO_TELEGRAM_API && this.config.DEMO_TELEGRAM_TOKEN) {
      await this.channelsAdmin
        .create({
          type: 'telegram',
          name: 'Demo Telegram bot',
          departmentId: department.id,
          settings: { apiBaseUrl: this.config.DEMO_TELEGRAM_API },
          secrets: { botToken: this.config.DEMO_TELEGRAM_TOKEN },
          registerWebhook: true,
        })
        .catch((error: unknown) => this.logger.warn(`The demo Telegram bot was not connected: ${(error as Error).message}`));
    }
    const shown = this.config.DEMO_PASSWORD ? '(the DEMO_PASSWORD you set)' : password;
    this.logger.log(`Demo data created. Sign in as ${DEMO_ACCOUNTS.map((a) => a.email).join(', ')} with password: ${shown}`);
  }

  /** The fake Telegram forgets our webhook when `npm start` restarts it: the demo bot registers it again. */
  private async reconnectDemoTelegram(): Promise<void> {
    if (!this.config.DEMO_TELEGRAM_API) return;
    const [demo] = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM channels WHERE type = 'telegram' AND settings->>'apiBaseUrl' = $1 AND enabled ORDER BY created_at LIMIT 1`,
      [this.config.DEMO_TELEGRAM_API.replace(/\/+$/, '')],
    );
    if (demo) await this.channelsAdmin.register(demo.id, false);
  }

  private async seedAdministrator(email: string, password: string): Promise<void> {
    const group = await this.groups.create({ name: 'Administrators', permissions: [...allPermissions] });
    await this.employees.create({ email, name: 'Administrator', password, groupIds: [group.id] });
    this.logger.log(`First administrator created: ${email}`);
  }
}
