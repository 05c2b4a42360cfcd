import { API_TOKEN_PREFIX, ErrorCode, type ApiToken, type CreatedApiToken } from '@omnichannel/contracts';
import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import type { EmployeePrincipal } from '../../common/principal';
import { EmployeeEvents, type EmployeeDeactivatedEvent, type PasswordChangedEvent } from '../employees/employees.events';
import { AccessService } from '../permissions/access.service';
import { ApiTokenEntity } from './entities/api-token.entity';
import { principalOf } from './sessions.service';
import { hashToken, newToken } from './tokens';

const TOUCH_INTERVAL_MS = 5 * 60_000;

const toApiToken = (t: ApiTokenEntity): ApiToken => ({
  id: t.id,
  name: t.name,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
});

/**
 * API-1: personal integration tokens. Shown once, stored as a SHA-256; a request with one has exactly its
 * employee's current rights, and none once the employee is disabled.
 */
@Injectable()
export class ApiTokensService {
  constructor(
    @InjectRepository(ApiTokenEntity) private readonly tokens: Repository<ApiTokenEntity>,
    private readonly access: AccessService,
  ) {}

  async list(owner: EmployeePrincipal): Promise<ApiToken[]> {
    const rows = await this.tokens.find({ where: { employeeId: owner.id }, order: { createdAt: 'DESC' } });
    return rows.map(toApiToken);
  }

  async create(owner: EmployeePrincipal, name: string): Promise<CreatedApiToken> {
    const token = `${API_TOKEN_PREFIX}${newToken()}`;
    const row = await this.tokens.save(this.tokens.create({ employeeId: owner.id, name, tokenHash: hashToken(token), lastUsedAt: null }));
    return { ...toApiToken(row), token };
  }

  async revoke(owner: EmployeePrincipal, id: string): Promise<void> {
    const result = await this.tokens.delete({ id, employeeId: owner.id });
    if (!result.affected) throw new AppError(ErrorCode.ApiTokenNotFound, 'Token not found');
  }

  async authenticate(token: string | undefined): Promise<EmployeePrincipal | null> {
    if (!token?.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
    const row = await this.tokens.findOneBy({ tokenHash: hashToken(token) });
    if (!row) return null;
    const access = await this.access.ofEmployee(row.employeeId);
    if (!access) return null;
    if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      await this.tokens.update({ id: row.id }, { lastUsedAt: new Date() });
    }
    return principalOf(access, { tokenId: row.id });
  }

  /** A disabled or deleted employee's tokens are gone for good (re-enabling does not bring them back). */
  @OnEvent(EmployeeEvents.Deactivated, { promisify: true })
  async onDeactivated(event: EmployeeDeactivatedEvent): Promise<void> {
    await this.tokens.delete({ employeeId: event.employeeId });
  }

  /** An administrator's password reset revokes them too (issue #10 point 11); one's own change does not. */
  @OnEvent(EmployeeEvents.PasswordChanged, { promisify: true })
  async onPasswordChanged(event: PasswordChangedEvent): Promise<void> {
    if (event.revokeApiTokens) await this.tokens.delete({ employeeId: event.employeeId });
  }
}
