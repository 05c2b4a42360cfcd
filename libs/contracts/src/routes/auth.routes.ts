import { idParamSchema } from '../admin';
import {
  apiTokenListSchema,
  changePasswordRequestSchema,
  createApiTokenRequestSchema,
  createdApiTokenSchema,
  employeeSelfSchema,
  signInRequestSchema,
  updateProfileRequestSchema,
} from '../auth';
import { ErrorCode } from '../error-codes';
import { employeeAccess, publicAccess } from './access';
import { defineRoutes } from './define-route';

export const authRoutes = defineRoutes('auth', {
  signIn: {
    summary: 'Sign in with email and password',
    description: 'Sets the httpOnly session cookie `omni_session` (SameSite=Strict) and answers with the employee and their rights.',
    access: publicAccess,
    body: signInRequestSchema,
    response: employeeSelfSchema,
    errors: { [ErrorCode.InvalidCredentials]: null },
    rateLimited: true,
  },
  signOut: {
    summary: 'Sign out (ends this session)',
    access: employeeAccess(),
  },
  me: {
    summary: 'The signed-in employee with their rights',
    access: employeeAccess(),
    response: employeeSelfSchema,
  },
});

/** The signed-in employee's own profile and API tokens (API-1). */
export const profileRoutes = defineRoutes('profile', {
  update: {
    summary: 'Change one\'s own name, avatar, language or notification choices',
    access: employeeAccess(),
    body: updateProfileRequestSchema,
  },
  changePassword: {
    summary: 'Change one\'s own password',
    description: 'Ends every other session of the employee; their API tokens keep working (an administrator\'s reset revokes them).',
    access: employeeAccess(),
    body: changePasswordRequestSchema,
    errors: { [ErrorCode.CurrentPasswordIncorrect]: null },
  },
  listTokens: {
    summary: 'One\'s own API tokens',
    access: employeeAccess(),
    response: apiTokenListSchema,
  },
  createToken: {
    summary: 'Create an API token',
    description: 'The answer holds the token (`omt_…`); it is never shown again. Send it as `Authorization: Bearer omt_…`.',
    access: employeeAccess(),
    body: createApiTokenRequestSchema,
    response: createdApiTokenSchema,
    status: 201,
  },
  revokeToken: {
    summary: 'Revoke an API token',
    access: employeeAccess(),
    params: idParamSchema,
    errors: { [ErrorCode.ApiTokenNotFound]: null },
  },
});
