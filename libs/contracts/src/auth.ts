import { z } from 'zod';
import { emailSchema, uuidSchema } from './common';

export const signInRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Password is required').max(1024),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

export const employeeSelfSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  name: z.string(),
});
export type EmployeeSelf = z.infer<typeof employeeSelfSchema>;
