// Error codes and their HTTP statuses, free of zod (see errors.ts for the schema).

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
  /** A state-changing request from another origin (even a sibling on the same site) to a same-origin route. */
  CrossSiteRequest: 'CROSS_SITE_REQUEST',
  NotFound: 'NOT_FOUND',
  RateLimited: 'RATE_LIMITED',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  WidgetKeyUnknown: 'WIDGET_KEY_UNKNOWN',
  TicketNotFound: 'TICKET_NOT_FOUND',
  TicketAlreadyTaken: 'TICKET_ALREADY_TAKEN',
  TicketNotLive: 'TICKET_NOT_LIVE',
  ConversationNotFound: 'CONVERSATION_NOT_FOUND',
  NotExecutor: 'NOT_EXECUTOR',
  EmployeeNotFound: 'EMPLOYEE_NOT_FOUND',
  GroupNotFound: 'GROUP_NOT_FOUND',
  DepartmentNotFound: 'DEPARTMENT_NOT_FOUND',
  DepartmentInUse: 'DEPARTMENT_IN_USE',
  EmailTaken: 'EMAIL_TAKEN',
  LastAdministrator: 'LAST_ADMINISTRATOR',
  /** The employee to change holds rights (or departments) the caller does not: no taking over their account. */
  EmployeeHasMoreRights: 'EMPLOYEE_HAS_MORE_RIGHTS',
  CurrentPasswordIncorrect: 'CURRENT_PASSWORD_INCORRECT',
  ApiTokenNotFound: 'API_TOKEN_NOT_FOUND',
  AttachmentNotFound: 'ATTACHMENT_NOT_FOUND',
  /** The ticket's client has no picture from their messenger (the client panel shows initials). */
  ClientAvatarNotFound: 'CLIENT_AVATAR_NOT_FOUND',
  FileTooLarge: 'FILE_TOO_LARGE',
  FileTypeNotAllowed: 'FILE_TYPE_NOT_ALLOWED',
  NoFile: 'NO_FILE',
  TemplateNotFound: 'TEMPLATE_NOT_FOUND',
  CustomFieldNotFound: 'CUSTOM_FIELD_NOT_FOUND',
  CustomFieldTaken: 'CUSTOM_FIELD_TAKEN',
  StatusNotFound: 'STATUS_NOT_FOUND',
  StatusInUse: 'STATUS_IN_USE',
  StatusTaken: 'STATUS_TAKEN',
  MessageNotFound: 'MESSAGE_NOT_FOUND',
  NotRetryable: 'NOT_RETRYABLE',
  TicketClosed: 'TICKET_CLOSED',
  /** SET-4: the employee holds requests in statuses that forbid going offline. */
  OfflineForbidden: 'OFFLINE_FORBIDDEN',
  RuleNotFound: 'RULE_NOT_FOUND',
  /** A messenger webhook for a channel that does not exist, is switched off or is not a messenger (issue #11). */
  ChannelNotFound: 'CHANNEL_NOT_FOUND',
  /** A messenger webhook that does not prove it comes from the platform (wrong secret or signature, CHN-3). */
  WebhookUnverified: 'WEBHOOK_UNVERIFIED',
  /** A messenger webhook whose body is not the platform's shape. */
  WebhookMalformed: 'WEBHOOK_MALFORMED',
  /** A channel that still has conversations cannot be deleted: switch it off instead. */
  ChannelInUse: 'CHANNEL_IN_USE',
  /** The messenger platform refused what we asked (a wrong token, a webhook it cannot reach): its own words follow. */
  PlatformRefused: 'PLATFORM_REFUSED',
  /** A list's `cursor` is malformed, or was handed out by another list or another search (issue #19). */
  InvalidCursor: 'INVALID_CURSOR',
  /**
   * PostgreSQL cannot be reached right now (down, restarting, refusing connections, no connection free in
   * time). Retryable: send the same request again later (a message with the same clientMsgId is stored once).
   */
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorHttpStatus: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MESSAGE_TOO_LONG: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CROSS_SITE_REQUEST: 403,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  WIDGET_KEY_UNKNOWN: 404,
  TICKET_NOT_FOUND: 404,
  TICKET_ALREADY_TAKEN: 409,
  TICKET_NOT_LIVE: 409,
  CONVERSATION_NOT_FOUND: 404,
  NOT_EXECUTOR: 403,
  EMPLOYEE_NOT_FOUND: 404,
  GROUP_NOT_FOUND: 404,
  DEPARTMENT_NOT_FOUND: 404,
  DEPARTMENT_IN_USE: 409,
  EMAIL_TAKEN: 409,
  LAST_ADMINISTRATOR: 409,
  EMPLOYEE_HAS_MORE_RIGHTS: 403,
  CURRENT_PASSWORD_INCORRECT: 400,
  API_TOKEN_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  CLIENT_AVATAR_NOT_FOUND: 404,
  FILE_TOO_LARGE: 413,
  FILE_TYPE_NOT_ALLOWED: 415,
  NO_FILE: 400,
  TEMPLATE_NOT_FOUND: 404,
  CUSTOM_FIELD_NOT_FOUND: 404,
  CUSTOM_FIELD_TAKEN: 409,
  STATUS_NOT_FOUND: 404,
  STATUS_IN_USE: 409,
  STATUS_TAKEN: 409,
  MESSAGE_NOT_FOUND: 404,
  NOT_RETRYABLE: 409,
  TICKET_CLOSED: 409,
  OFFLINE_FORBIDDEN: 409,
  RULE_NOT_FOUND: 404,
  CHANNEL_NOT_FOUND: 404,
  CHANNEL_IN_USE: 409,
  PLATFORM_REFUSED: 502,
  WEBHOOK_UNVERIFIED: 401,
  WEBHOOK_MALFORMED: 400,
  INVALID_CURSOR: 400,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The body of every error answer, REST and socket alike. */
export interface ApiError {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}

// Pure, so a bundle that never checks an error body (the widget loader) keeps no list of codes.
const codes = /*#__PURE__*/ new Set<string>(Object.values(ErrorCode));

/** A structural check, so front-ends can recognise API errors without shipping zod. */
export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && codes.has(code) && typeof message === 'string';
}
