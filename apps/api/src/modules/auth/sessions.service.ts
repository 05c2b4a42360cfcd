import { ErrorCode, type EmployeeSelf } from '@omnichannel/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import type { EmployeePrincipal } from '../../common/principal';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { prepared, runPrepared } from '../../database/prepared';
import {
  EmployeeEvents,
  type EmployeeDeactivatedEvent,
  type PasswordChangedEvent,
} from '../employees/employees.events';
import { EmployeesService } from '../employees/employees.service';
import { PasswordHasher } from '../employees/password-hasher';
import { AccessService, type EmployeeAccess } from '../permissions/access.service';
import { AuthEvents, type SessionEndedEvent } from './auth.events';
import { EmployeeSessionEntity } from './entities/employee-session.entity';
import { hashToken, newToken } from './tokens';

/** Sessions are touched at most this often, so that every request does not write. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

/** Every employee request and socket handshake checks its cookie here: prepared (database/prepared.ts). */
const SESSION_BY_TOKEN = prepared('employee-session-by-token', 'SELECT id, employee_id, expires_at, last_seen_at FROM employee_sessions WHERE token_hash = $1');

export function principalOf(access: EmployeeAccess, credential: { sessionId?: string; tokenId?: string }): EmployeePrincipal {
  return {
    kind: 'employee',
    ...access,
    sessionId: credential.sessionId ?? null,
    tokenId: credential.tokenId ?? null,
  };
}

export function selfOf(principal: EmployeePrincipal): EmployeeSelf {
  return {
    id: principal.id,
    email: principal.email,
    name: principal.name,
    avatarUrl: principal.avatarUrl,
    language: principal.language,
    permissions: principal.permissions,
    departmentIds: principal.departmentIds,
    notifySound: principal.notifySound,
    notifyDesktop: principal.notifyDesktop,
  };
}

/** Employee sign-in sessions (httpOnly cookie); ended by sign-out, disabling, deletion or a password change. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(EmployeeSessionEntity) private readonly sessions: Repository<EmployeeSessionEntity>,
    private readonly employees: EmployeesService,
    private readonly access: AccessService,
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
    const access = employee && ok && !employee.disabledAt ? await this.access.ofEmployee(employee.id) : null;
    if (!employee || !access) throw new AppError(ErrorCode.InvalidCredentials, 'Email or password is incorrect');
    const token = newToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3_600_000);
    const session = await this.sessions.save(
      this.sessions.create({
        employeeId: employee.id,
        tokenHash: hashToken(token),
        expiresAt,
        lastSeenAt: now,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 500) ?? null,
      }),
    );
    return { token, employee: selfOf(principalOf(access, { sessionId: session.id })), expiresAt };
  }

  /** The employee behind a session token, with their current rights; null when it no longer opens anything. */
  async authenticate(token: string | undefined): Promise<EmployeePrincipal | null> {
    if (!token || token.length > 200) return null;
    const [session] = await runPrepared<{ id: string; employee_id: string; expires_at: Date; last_seen_at: Date }>(this.sessions.manager, SESSION_BY_TOKEN, [
      hashToken(token),
    ]);
    if (!session || session.expires_at.getTime() <= Date.now()) return null;
    const access = await this.access.ofEmployee(session.employee_id);
    if (!access) return null;
    if (Date.now() - session.last_seen_at.getTime() > TOUCH_INTERVAL_MS) {
      await this.sessions.update({ id: session.id }, { lastSeenAt: new Date() });
    }
    return principalOf(access, { sessionId: session.id });
  }

  async signOut(principal: EmployeePrincipal): Promise<void> {
    if (!principal.sessionId) return;
    await this.sessions.delete({ id: principal.sessionId });
    this.ended([principal.sessionId]);
  }

  @OnEvent(EmployeeEvents.Deactivated, { promisify: true })
  async onDeactivated(event: EmployeeDeactivatedEvent): Promise<void> {
    await this.endAll(event.employeeId, null);
  }

  @OnEvent(EmployeeEvents.PasswordChanged, { promisify: true })
  async onPasswordChanged(event: PasswordChangedEvent): Promise<void> {
    await this.endAll(event.employeeId, event.keepSessionId);
  }

  /** Deletes the employee's sessions (but one) and closes their sockets on every instance. */
  private async endAll(employeeId: string, keep: string | null): Promise<void> {
    const ended = await this.sessions.find({
      select: { id: true },
      where: keep ? { employeeId, id: Not(keep) } : { employeeId },
    });
    if (ended.length === 0) return;
    await this.sessions.delete(ended.map((s) => s.id));
    this.ended(ended.map((s) => s.id));
  }

  private ended(sessionIds: string[]): void {
    for (const sessionId of sessionIds) this.events.emit(AuthEvents.SessionEnded, { sessionId } satisfies SessionEndedEvent);
  }
}
