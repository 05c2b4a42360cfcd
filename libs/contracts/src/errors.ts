import { z } from 'zod';
import { ErrorCode, type ApiError } from './error-codes';

export const errorIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
});
export type ErrorIssue = z.infer<typeof errorIssueSchema>;

export const apiErrorSchema: z.ZodType<ApiError> = z.object({
  code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
