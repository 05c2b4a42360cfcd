import { type ArgumentsHost, Catch, type ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@omnichannel/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { routeOfRequest } from '../routing/route-contract.interceptor';
import { DATABASE_RETRY_AFTER_SECONDS, loggableError, toApiError, undeclaredErrorAnswer, warnDatabaseUnavailable } from './error-response';

/** Serves a client-side route of the SPA; returns false when the request is not one. */
export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

export interface HttpExceptionFilterOptions {
  spaFallback?: SpaFallback;
  /**
   * An answer with an error code its route contract does not declare becomes a 500 (under NODE_ENV=test),
   * so an integration test exposes the missing declaration; otherwise it is only logged.
   */
  strictErrorCodes?: boolean;
}

/** The one place that shapes REST errors: `{ code, message, details?, requestId }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(private readonly options: HttpExceptionFilterOptions = {}) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof NotFoundException && this.options.spaFallback?.(request, reply)) return;
    const requestId = String(request.id);
    let answer = toApiError(exception, requestId);
    const route = routeOfRequest(request);
    if (route && !(answer.body.code in route.errors)) {
      this.logger.error({ requestId, route: route.id, code: answer.body.code, msg: `${route.id} answered ${answer.body.code}, which its contract does not declare` });
      if (this.options.strictErrorCodes) answer = undeclaredErrorAnswer(requestId);
    }
    if (answer.internal) this.logger.error({ err: loggableError(exception), requestId, msg: 'Unhandled error' });
    const { retryAfter } = (answer.body.details ?? {}) as { retryAfter?: unknown };
    if (answer.body.code === ErrorCode.RateLimited && typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    if (answer.body.code === ErrorCode.DatabaseUnavailable) {
      warnDatabaseUnavailable(exception);
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    void reply.status(answer.status).header('cache-control', 'no-store').send(answer.body);
  }
}
