import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { PasswordHasher } from '../auth/password-hasher';
import { ChannelsService } from '../channels/channels.service';
import { DepartmentsService } from '../departments/departments.service';
import { EmployeesService } from '../employees/employees.service';

export const DEMO_ACCOUNTS = [
  { email: 'admin@demo.local', name: 'Alex Admin' },
  { email: 'operator@demo.local', name: 'Olga Operator' },
] as const;

const SEED_LOCK = 7_261_003;

/**
 * First start on an empty database: a department, two employees and the demo widget, so a person can try
 * the product at once. Idempotent (only an empty employee table is seeded); SEED_DEMO=false turns it off.
 */
@Injectable()
export class DemoSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('Demo');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly employees: EmployeesService,
    private readonly departments: DepartmentsService,
    private readonly channels: ChannelsService,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.SEED_DEMO) return;
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock($1)', [SEED_LOCK]);
      if ((await this.employees.count()) > 0) return;
      await this.seed();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [SEED_LOCK]).catch(() => undefined);
      await runner.release();
    }
  }

  private async seed(): Promise<void> {
    const password = this.config.DEMO_PASSWORD ?? randomBytes(9).toString('base64url');
    const passwordHash = await this.hasher.hash(password);
    const department = await this.departments.create('Support');
    for (const account of DEMO_ACCOUNTS) await this.employees.create({ ...account, passwordHash });
    await this.channels.createWidget({ name: 'Website chat', departmentId: department.id, publicKey: this.config.DEMO_WIDGET_KEY });
    const shown = this.config.DEMO_PASSWORD ? '(the DEMO_PASSWORD you set)' : password;
    this.logger.log(
      `Demo data created. Sign in as ${DEMO_ACCOUNTS.map((a) => a.email).join(' or ')} with password: ${shown}`,
    );
  }
}
