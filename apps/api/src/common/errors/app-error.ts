import { ErrorCode, errorHttpStatus } from '@omnichannel/contracts';

/** A refusal the client should understand: it carries a contract error code and a human message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorHttpStatus[this.code];
  }
}
