import { ErrorCode, errorHttpStatus, type ApiError } from '@omnichannel/contracts';
import { HttpException, Logger } from '@nestjs/common';
import { isDatabaseUnavailable } from '../sql';
import { AppError } from './app-error';

/** Codes and safe messages for statuses raised by the framework rather than by our code. */
const FRAMEWORK_STATUS: Record<number, { code: ErrorCode; message?: string }> = {
  404: { code: ErrorCode.NotFound, message: 'No such route' },
  413: { code: ErrorCode.PayloadTooLarge, message: 'Request body is too large' },
  415: { code: ErrorCode.UnsupportedMediaType, message: 'Content type is not supported; send application/json' },
  429: { code: ErrorCode.RateLimited, message: 'Too many requests, try again later' },
};

function frameworkError(status: number, message: string, requestId?: string): { status: number; body: ApiError; internal: boolean } {
  if (status >= 500) return { status: 500, body: { code: ErrorCode.Internal, message: 'Internal error', requestId }, internal: true };
  const known = FRAMEWORK_STATUS[status];
  return {
    status,
    body: { code: known?.code ?? ErrorCode.ValidationFailed, message: known?.message ?? message, requestId },
    internal: false,
  };
}

/**
 * What may be logged of an unexpected error: its kind, message, stack and database error code — never
 * the query parameters a database error carries (password hashes, tokens, personal data).
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return { type: error.name, message: error.message, stack: error.stack, ...(typeof code === 'string' ? { code } : {}) };
}

/** The 500 that stands in for an error code a route does not declare (strict mode, see HttpExceptionFilter). */
export function undeclaredErrorAnswer(requestId: string): { status: number; body: ApiError; internal: boolean } {
  return frameworkError(500, '', requestId);
}

/** Sent as Retry-After with 503 DATABASE_UNAVAILABLE: a restart of PostgreSQL takes a few seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const databaseLogger = new Logger('Database');
const DATABASE_WARN_EVERY_MS = 10_000;
let databaseWarnedAt = 0;

/**
 * Says in the log that PostgreSQL is away, at most every few seconds: while it is, every request fails
 * the same way, and one line per request would bury everything else.
 */
export function warnDatabaseUnavailable(error: unknown): void {
  if (Date.now() - databaseWarnedAt < DATABASE_WARN_EVERY_MS) return;
  databaseWarnedAt = Date.now();
  databaseLogger.warn({ err: loggableError(error), msg: 'The database cannot be reached; requests are answered 503 DATABASE_UNAVAILABLE until it is back' });
}

/**
 * Turns anything thrown into the contract's error body and an HTTP status. Unknown errors become a
 * generic 500 that says nothing internal; the caller logs them with the request id. PostgreSQL being away
 * is no fault of the request: 503 DATABASE_UNAVAILABLE, so a load balancer and the clients try again.
 */
export function toApiError(error: unknown, requestId?: string): { status: number; body: ApiError; internal: boolean } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }), requestId },
      internal: false,
    };
  }
  if (error instanceof HttpException) return frameworkError(error.getStatus(), error.message, requestId);
  if (isDatabaseUnavailable(error)) {
    return {
      status: errorHttpStatus[ErrorCode.DatabaseUnavailable],
      body: { code: ErrorCode.DatabaseUnavailable, message: 'The service is temporarily unavailable; try again in a few seconds', requestId },
      internal: false,
    };
  }
  const e = error as { statusCode?: unknown; message?: unknown } | null;
  if (typeof e === 'object' && e !== null && typeof e.statusCode === 'number') {
    return frameworkError(e.statusCode, typeof e.message === 'string' ? e.message : 'Bad request', requestId);
  }
  return frameworkError(500, '', requestId);
}

/**
 * Fastify's router refuses some addresses before any route runs (bytes that are not UTF-8, a path
 * parameter over its length limit): they get the contract's shape too, as a 400.
 */
export function routerRefusal(error: Error & { code?: string }, requestId: string): { status: number; body: ApiError } {
  const message = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'A part of the address is too long' : 'The address is not valid';
  return { status: 400, body: { code: ErrorCode.ValidationFailed, message, requestId } };
}
