import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { AppError } from './app-error';
import { loggableError, toApiError } from './error-response';

describe('toApiError (house style: { code, message, details?, requestId })', () => {
  it('keeps an AppError code, status, message and details', () => {
    const r = toApiError(new AppError('TICKET_ALREADY_TAKEN', 'Olga has already taken this request', { x: 1 }), 'req-1');
    expect(r).toEqual({
      status: 409,
      body: { code: 'TICKET_ALREADY_TAKEN', message: 'Olga has already taken this request', details: { x: 1 }, requestId: 'req-1' },
      internal: false,
    });
  });

  it('maps framework statuses to codes', () => {
    expect(toApiError(new NotFoundException()).body.code).toBe('NOT_FOUND');
    expect(toApiError(new PayloadTooLargeException()).body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(toApiError({ statusCode: 415, message: 'x' }).body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(toApiError({ statusCode: 400, message: 'Body is not valid JSON' }).body).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'Body is not valid JSON',
    });
  });

  it('says nothing internal about unknown errors', () => {
    const r = toApiError(new Error('password=hunter2 at db.ts:12'), 'req-2');
    expect(r).toEqual({ status: 500, body: { code: 'INTERNAL', message: 'Internal error', requestId: 'req-2' }, internal: true });
    expect(toApiError(new HttpException('db exploded', 503)).body.message).toBe('Internal error');
  });
});

describe('loggableError', () => {
  it('keeps what helps and drops query parameters', () => {
    const error = Object.assign(new Error('duplicate key'), { code: '23505', parameters: ['$argon2id$secret-hash', 'token'] });
    const logged = loggableError(error);
    expect(logged).toMatchObject({ type: 'Error', message: 'duplicate key', code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('argon2');
  });
});
