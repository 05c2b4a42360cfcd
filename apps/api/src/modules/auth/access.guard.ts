import { ErrorCode, SESSION_COOKIE } from '@omnichannel/contracts';
import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS_RULE, type AccessRule } from '../../common/decorators/access.decorator';
import { AppError } from '../../common/errors/app-error';
import { hasPermission } from '@omnichannel/contracts';
import { ApiTokensService } from './api-tokens.service';
import { SessionsService } from './sessions.service';
import { VisitorTokensService } from './visitor-tokens.service';

/** Reads a bearer token from the Authorization header (visitor tokens never travel in URLs). */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * The global REST guard: a handler without an access rule is refused (secure by default); employees are
 * recognised by the session cookie or an API token and must hold the handler's rights (403 otherwise);
 * visitors by their bearer token.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly apiTokens: ApiTokensService,
    private readonly visitors: VisitorTokensService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // sockets have their own guard
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!rule) {
      this.logger.error(`No access rule on ${request.method} ${request.url}; refusing`);
      throw new AppError(ErrorCode.Forbidden, 'This endpoint is not available');
    }
    switch (rule.kind) {
      case 'public':
        return true;
      case 'employee': {
        // A session cookie (the SPA) or an API token (integrations, API-1); either carries the employee's rights.
        const bearer = bearerToken(request.headers.authorization);
        const employee = bearer
          ? await this.apiTokens.authenticate(bearer)
          : await this.sessions.authenticate(request.cookies[SESSION_COOKIE]);
        if (!employee) throw new AppError(ErrorCode.Unauthenticated, bearer ? 'API token is not valid' : 'Sign in first');
        if (!hasPermission(employee.permissions, ...rule.permissions)) {
          throw new AppError(ErrorCode.Forbidden, 'You do not have the right to do this');
        }
        request.employee = employee;
        return true;
      }
      case 'visitor': {
        const visitor = await this.visitors.authenticate(bearerToken(request.headers.authorization));
        if (!visitor) throw new AppError(ErrorCode.Unauthenticated, 'Visitor token is missing or no longer valid');
        request.visitor = visitor;
        return true;
      }
    }
  }
}
