import { ErrorCode, type EmployeeSelf } from '@omnichannel/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import type { EmployeePrincipal } from '../../common/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { EmployeesService } from '../employees/employees.service';
import { AuthEvents, type SessionEndedEvent } from './auth.events';
import { EmployeeSessionEntity } from './entities/employee-session.entity';
import { PasswordHasher } from './password-hasher';
import { hashToken, newToken } from './tokens';

/** Sessions are touched at most this often, so that every request does not write. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(EmployeeSessionEntity) private readonly sessions: Repository<EmployeeSessionEntity>,
    private readonly employees: EmployeesService,
    private readonly hasher: PasswordHasher,
    private readonly events: EventEmitter2,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async signIn(
    email: string,
    password: string,
    meta: { ip: string | null; userAgent: string | null },
  ): Promise<{ token: string; employee: EmployeeSelf; expiresAt: Date }> {
    const employee = await this.employees.findByEmail(email);
    const ok = await this.hasher.verify(employee?.passwordHash ?? null, password);
    if (!employee || !ok || employee.disabledAt) {
      throw new AppError(ErrorCode.InvalidCredentials, 'Email or password is incorrect');
    }
    const token = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3_600_000);
    await this.sessions.insert({
      employeeId: employee.id,
      tokenHash: hashToken(token),
      expiresAt,
      lastSeenAt: now,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 500) ?? null,
    });
    return { token, employee: { id: employee.id, email: employee.email, name: employee.name }, expiresAt };
  }

  /** The employee behind a session token, or null when the token is unknown, expired or the employee disabled. */
  async authenticate(token: string | undefined): Promise<EmployeePrincipal | null> {
    if (!token || token.length > 200) return null;
    const session = await this.sessions.findOne({
      where: { tokenHash: hashToken(token) },
      relations: { employee: true },
    });
    if (!session?.employee || session.employee.disabledAt || session.expiresAt.getTime() <= Date.now()) return null;
    if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: new Date() });
    }
    return {
      kind: 'employee',
      id: session.employee.id,
      name: session.employee.name,
      email: session.employee.email,
      sessionId: session.id,
    };
  }

  async signOut(principal: EmployeePrincipal): Promise<void> {
    await this.sessions.delete({ id: principal.sessionId });
    this.events.emit(AuthEvents.SessionEnded, { sessionId: principal.sessionId } satisfies SessionEndedEvent);
  }
}
