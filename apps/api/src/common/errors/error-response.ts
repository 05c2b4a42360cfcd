import { ErrorCode, type ApiError } from '@omnichannel/contracts';
import { HttpException } from '@nestjs/common';
import { AppError } from './app-error';

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  message?: string;
}

/**
 * Turns anything thrown into the contract's error body and an HTTP status. Unknown errors become a
 * generic 500 that says nothing internal; the caller logs them with the request id.
 */
export function toApiError(error: unknown, requestId?: string): { status: number; body: ApiError; internal: boolean } {
  if (error instanceof AppError) {
    return {
      status: error.status,
      body: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }), requestId },
      internal: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = status === 404 ? ErrorCode.NotFound : status === 429 ? ErrorCode.RateLimited : status < 500 ? ErrorCode.ValidationFailed : ErrorCode.Internal;
    const message = status === 404 ? 'No such route' : status < 500 ? error.message : 'Internal error';
    return { status: status < 500 ? status : 500, body: { code, message, requestId }, internal: status >= 500 };
  }
  const fastifyError = error as FastifyLikeError;
  if (typeof fastifyError === 'object' && fastifyError !== null && typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    const status = fastifyError.statusCode;
    const code =
      status === 413
        ? ErrorCode.PayloadTooLarge
        : status === 415
          ? ErrorCode.UnsupportedMediaType
          : status === 429
            ? ErrorCode.RateLimited
            : status === 404
              ? ErrorCode.NotFound
              : ErrorCode.ValidationFailed;
    const message =
      status === 413
        ? 'Request body is too large'
        : status === 415
          ? 'Content type is not supported; send application/json'
          : status === 429
            ? 'Too many requests, try again later'
            : (fastifyError.message ?? 'Bad request');
    return { status, body: { code, message, requestId }, internal: false };
  }
  return { status: 500, body: { code: ErrorCode.Internal, message: 'Internal error', requestId }, internal: true };
}
