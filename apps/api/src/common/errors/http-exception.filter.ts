import { type ArgumentsHost, Catch, type ExceptionFilter, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { loggableError, toApiError } from './error-response';

/** Serves a client-side route of the SPA; returns false when the request is not one. */
export type SpaFallback = (request: FastifyRequest, reply: FastifyReply) => boolean;

/** The one place that shapes REST errors: `{ code, message, details?, requestId }`. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  constructor(private readonly spaFallback?: SpaFallback) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    if (exception instanceof NotFoundException && this.spaFallback?.(request, reply)) return;
    const { status, body, internal } = toApiError(exception, String(request.id));
    if (internal) this.logger.error({ err: loggableError(exception), requestId: request.id, msg: 'Unhandled error' });
    void reply.status(status).header('cache-control', 'no-store').send(body);
  }
}
