import { z } from 'zod';

/**
 * Every error the API returns carries one of these codes. Clients switch on the code, never on the
 * message text. The HTTP status of each code is fixed here so that REST and sockets agree.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  MessageTooLong: 'MESSAGE_TOO_LONG',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RateLimited: 'RATE_LIMITED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  WidgetKeyUnknown: 'WIDGET_KEY_UNKNOWN',
  TicketNotFound: 'TICKET_NOT_FOUND',
  TicketAlreadyTaken: 'TICKET_ALREADY_TAKEN',
  TicketNotLive: 'TICKET_NOT_LIVE',
  ConversationNotFound: 'CONVERSATION_NOT_FOUND',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorHttpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MESSAGE_TOO_LONG: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WIDGET_KEY_UNKNOWN: 404,
  TICKET_NOT_FOUND: 404,
  TICKET_ALREADY_TAKEN: 409,
  TICKET_NOT_LIVE: 409,
  CONVERSATION_NOT_FOUND: 404,
  INTERNAL: 500,
};

export const errorIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const apiErrorSchema = z.object({
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

export function isApiError(value: unknown): value is ApiError {
  return apiErrorSchema.safeParse(value).success;
}
