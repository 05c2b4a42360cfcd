import { ErrorCode, errorHttpStatus, isApiError } from './error-codes';
import { apiErrorSchema } from './errors';

describe('error contract', () => {
  it('gives every code an HTTP status', () => {
    for (const code of Object.values(ErrorCode)) expect(errorHttpStatus[code]).toBeGreaterThanOrEqual(400);
  });

  it('recognises API errors the same way the schema does', () => {
    const samples: unknown[] = [
      { code: 'NOT_FOUND', message: 'x', requestId: 'r' },
      { code: 'NOT_A_CODE', message: 'x' },
      { code: 'NOT_FOUND' },
      null,
      'NOT_FOUND',
      { code: 'RATE_LIMITED', message: 'slow down', details: { a: 1 } },
    ];
    for (const sample of samples) expect(isApiError(sample)).toBe(apiErrorSchema.safeParse(sample).success);
  });
});
