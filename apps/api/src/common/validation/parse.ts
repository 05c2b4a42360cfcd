import { ErrorCode, findUnstorableText, type ErrorIssue } from '@omnichannel/contracts';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';

export function zodIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

/**
 * Refuses text PostgreSQL cannot store (NUL, lone surrogates) anywhere in an input, object keys included,
 * whatever its schema says: checked here, once for every route and socket event, so no field can be
 * forgotten (issue #10 point 9).
 */
export function refuseUnstorableText(value: unknown): void {
  const found = findUnstorableText(value);
  if (!found) return;
  const path = found.path.map(String).join('.');
  const problem = `contains a character that cannot be stored (${found.character})`;
  throw new AppError(ErrorCode.ValidationFailed, path ? `${path}: ${problem}` : problem, { issues: [{ path, message: problem }] });
}

/**
 * Validates input (a route's params, query and body, a socket event's payload, the socket handshake)
 * against a contract schema; on failure nothing reaches the handler.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  refuseUnstorableText(value);
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const tooLongBody = result.error.issues.some((i) => i.code === 'too_big' && i.path[i.path.length - 1] === 'body');
  const first = issues[0];
  const message = first ? (first.path ? `${first.path}: ${first.message}` : first.message) : 'Invalid input';
  throw new AppError(tooLongBody ? ErrorCode.MessageTooLong : ErrorCode.ValidationFailed, message, { issues });
}
