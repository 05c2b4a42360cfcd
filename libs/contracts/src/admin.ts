import { z } from 'zod';
import { avatarUrlSchema, languageSchema, passwordSchema, permissionSchema } from './auth';
import { emailSchema, personNameSchema, uuidSchema } from './common';

const nameSchema = z.string().trim().min(1, 'Name is required').max(200, 'Name must be at most 200 characters');

// ---------------------------------------------------------------- departments (CORE-2)

export const departmentSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  /** Shown to clients instead of the answering employee's name when set (SET-2). */
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  defaultDeadlineMinutes: z.number().int().nullable(),
  memberIds: z.array(uuidSchema),
});
export type Department = z.infer<typeof departmentSchema>;

export const departmentInputSchema = z
  .object({
    name: nameSchema,
    displayName: z.string().trim().max(200).nullable().default(null),
    avatarUrl: avatarUrlSchema.nullable().default(null),
    defaultDeadlineMinutes: z.number().int().min(1).max(60 * 24 * 365).nullable().default(null),
    memberIds: z.array(uuidSchema).max(10_000).default([]),
  })
  .strict();
export type DepartmentInput = z.input<typeof departmentInputSchema>;

export const departmentListSchema = z.object({ items: z.array(departmentSchema) });
export type DepartmentList = z.infer<typeof departmentListSchema>;

// ---------------------------------------------------------------- groups (CORE-3, PERM-1…5)

export const groupSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  permissions: z.array(permissionSchema),
  memberIds: z.array(uuidSchema),
});
export type Group = z.infer<typeof groupSchema>;

export const groupInputSchema = z
  .object({
    name: nameSchema,
    permissions: z.array(permissionSchema).max(50),
    memberIds: z.array(uuidSchema).max(10_000).default([]),
  })
  .strict();
export type GroupInput = z.input<typeof groupInputSchema>;

export const groupListSchema = z.object({ items: z.array(groupSchema) });
export type GroupList = z.infer<typeof groupListSchema>;

// ---------------------------------------------------------------- employees

export const employeeSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  language: languageSchema.nullable(),
  disabled: z.boolean(),
  groupIds: z.array(uuidSchema),
  departmentIds: z.array(uuidSchema),
  createdAt: z.string(),
});
export type Employee = z.infer<typeof employeeSchema>;

export const employeeListSchema = z.object({ items: z.array(employeeSchema) });
export type EmployeeList = z.infer<typeof employeeListSchema>;

export const createEmployeeRequestSchema = z
  .object({
    email: emailSchema,
    name: personNameSchema.min(1, 'Name is required'),
    password: passwordSchema,
    language: languageSchema.nullable().default(null),
    groupIds: z.array(uuidSchema).max(1000).default([]),
    departmentIds: z.array(uuidSchema).max(1000).default([]),
  })
  .strict();
export type CreateEmployeeRequest = z.input<typeof createEmployeeRequestSchema>;

export const updateEmployeeRequestSchema = z
  .object({
    email: emailSchema.optional(),
    name: personNameSchema.min(1, 'Name is required').optional(),
    language: languageSchema.nullable().optional(),
    avatarUrl: avatarUrlSchema.nullable().optional(),
    groupIds: z.array(uuidSchema).max(1000).optional(),
    departmentIds: z.array(uuidSchema).max(1000).optional(),
    disabled: z.boolean().optional(),
  })
  .strict();
export type UpdateEmployeeRequest = z.infer<typeof updateEmployeeRequestSchema>;

export const setPasswordRequestSchema = z.object({ password: passwordSchema }).strict();
export type SetPasswordRequest = z.infer<typeof setPasswordRequestSchema>;

export const idParamSchema = z.object({ id: uuidSchema });
