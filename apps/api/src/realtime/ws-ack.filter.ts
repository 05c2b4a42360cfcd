import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { ErrorCode, type Ack } from '@omnichannel/contracts';
import type { Socket } from 'socket.io';
import { loggableError, toApiError, warnDatabaseUnavailable } from '../common/errors/error-response';

/**
 * Answers a failed socket request through its acknowledgement callback with the same error body REST
 * uses, so a client waiting for the ack hears why (DATABASE_UNAVAILABLE too: the widget keeps the message
 * and sends it again). Without a callback the error goes out as `exception`.
 */
@Catch()
export class WsAckFilter implements ExceptionFilter {
  private readonly logger = new Logger('SocketError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const socket = host.switchToWs().getClient<Socket>();
    const { body, internal } = toApiError(exception, socket.id);
    if (internal) this.logger.error({ err: loggableError(exception), socketId: socket.id, msg: 'Unhandled socket error' });
    if (body.code === ErrorCode.DatabaseUnavailable) warnDatabaseUnavailable(exception);
    const ack = host.getArgs().find((a): a is (r: Ack<never>) => void => typeof a === 'function');
    if (ack) ack({ ok: false, error: body });
    else socket.emit('exception', body);
  }
}
