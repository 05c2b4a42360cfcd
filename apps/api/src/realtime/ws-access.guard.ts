import { ErrorCode, hasPermission } from '@omnichannel/contracts';
import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Socket } from 'socket.io';
import { ACCESS_RULE, type AccessRule } from '../common/decorators/access.decorator';
import { AppError } from '../common/errors/app-error';
import { refuseUnstorableText } from '../common/validation/parse';
import type { SocketData } from './socket-data';

/**
 * The socket counterpart of the REST guard: each event declares who may send it (and which rights), or it
 * is refused. Every event passes here, so its payload is also checked for text PostgreSQL cannot store
 * (as parseOrThrow does), even in a handler that would forget to parse it.
 */
@Injectable()
export class WsAccessGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE, context.getHandler());
    const principal = context.switchToWs().getClient<Socket<never, never, never, SocketData>>().data.principal;
    if (!rule || rule.kind === 'public' || !principal || principal.kind !== rule.kind) {
      throw new AppError(ErrorCode.Forbidden, 'This socket may not send this event');
    }
    if (rule.kind === 'employee' && principal.kind === 'employee' && !hasPermission(principal.permissions, ...rule.permissions)) {
      throw new AppError(ErrorCode.Forbidden, 'You do not have the right to do this');
    }
    refuseUnstorableText(context.switchToWs().getData());
    return true;
  }
}
