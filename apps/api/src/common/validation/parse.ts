import { ErrorCode, type ErrorIssue } from '@omnichannel/contracts';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates input (a route's or a socket event's) against a contract schema; on failure nothing reaches the handler. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const tooLongBody = result.error.issues.some((i) => i.code === 'too_big' && i.path[i.path.length - 1] === 'body');
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input';
  throw new AppError(tooLongBody ? ErrorCode.MessageTooLong : ErrorCode.ValidationFailed, message, { issues });
}
