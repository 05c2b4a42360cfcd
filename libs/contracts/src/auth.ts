import { z } from 'zod';
import { MAX_URL_LENGTH } from './constants';
import { emailSchema, personNameSchema, uuidSchema } from './common';
import { allPermissions, languages, type Permission } from './permissions';

export const permissionSchema = z.enum(allPermissions as [Permission, ...Permission[]]);
export const languageSchema = z.enum(languages);

export const signInRequestSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'Password is required').max(1024),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** The signed-in employee with what they may do (the SPA shows exactly this). */
export const employeeSelfSchema = z.object({
  id: uuidSchema,
  email: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
  language: languageSchema.nullable(),
  permissions: z.array(permissionSchema),
  departmentIds: z.array(uuidSchema),
  /** NAV-7: the employee's own choice of a sound and a browser notification for new requests and messages. */
  notifySound: z.boolean(),
  notifyDesktop: z.boolean(),
});
export type EmployeeSelf = z.infer<typeof employeeSelfSchema>;

export const passwordSchema = z
  .string()
  .min(8, 'Password must be at least 8 characters')
  .max(256, 'Password must be at most 256 characters');

/** Only http(s) image addresses: never javascript:, data: or other schemes. */
export const avatarUrlSchema = z
  .string()
  .trim()
  .max(MAX_URL_LENGTH)
  .regex(/^https?:\/\/\S+$/i, 'Avatar must be an http(s) address');

export const updateProfileRequestSchema = z
  .object({
    name: personNameSchema.min(1, 'Name is required').optional(),
    language: languageSchema.nullable().optional(),
    avatarUrl: avatarUrlSchema.nullable().optional(),
    notifySound: z.boolean().optional(),
    notifyDesktop: z.boolean().optional(),
  })
  .strict();
export type UpdateProfileRequest = z.infer<typeof updateProfileRequestSchema>;

export const changePasswordRequestSchema = z
  .object({ currentPassword: z.string().min(1).max(1024), newPassword: passwordSchema })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** API-1: a personal token for integrations; the secret is shown once, at creation. */
export const apiTokenSchema = z.object({
  id: uuidSchema,
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

export const createApiTokenRequestSchema = z.object({ name: z.string().trim().min(1, 'Name the token').max(100) }).strict();
export type CreateApiTokenRequest = z.infer<typeof createApiTokenRequestSchema>;

export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

/** Integration tokens start with this, so they are never mistaken for a visitor's token. */
export const API_TOKEN_PREFIX = 'omt_';
