import { createServer } from 'node:net';
import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { Client, Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { loggableError, toApiError } from './error-response';

/** A port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

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

describe('toApiError while PostgreSQL is away (issue #16)', () => {
  const away = { status: 503, internal: false, body: { code: 'DATABASE_UNAVAILABLE', message: expect.any(String) as unknown, requestId: 'req-3' } };

  it('answers 503 DATABASE_UNAVAILABLE for a refused connection, as pg and its pool report it', async () => {
    const port = await closedPort();
    const refused = await new Client({ host: '127.0.0.1', port }).connect().catch((error: unknown) => error);
    expect(toApiError(refused, 'req-3')).toEqual(away);
    // "localhost" may be tried on ::1 and 127.0.0.1: an AggregateError of both.
    const pool = new Pool({ host: 'localhost', port, connectionTimeoutMillis: 2_000 });
    const fromPool = await pool.query('SELECT 1').catch((error: unknown) => error);
    await pool.end();
    expect(toApiError(fromPool, 'req-3')).toEqual(away);
  });

  it('answers 503 for a server shutting down or starting, a broken connection, and no connection in time', () => {
    const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
    for (const error of [
      pgError('57P01', 'terminating connection due to administrator command'),
      pgError('57P03', 'the database system is starting up'),
      pgError('08006', 'connection failure'),
      pgError('53300', 'sorry, too many clients already'),
      new QueryFailedError('SELECT 1', [], pgError('57P01', 'terminating connection due to administrator command')),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
    ]) {
      expect({ error: error.message, answer: toApiError(error, 'req-3') }).toEqual({ error: error.message, answer: away });
    }
  });

  it('keeps other database errors and socket-less codes a 500', () => {
    expect(toApiError(Object.assign(new Error('duplicate key'), { code: '23505' })).status).toBe(500);
    expect(toApiError(new QueryFailedError('SELECT x', [], Object.assign(new Error('syntax error'), { code: '42601' }))).status).toBe(500);
    // A client aborting its own upload is ECONNRESET without a syscall: not the database.
    expect(toApiError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })).status).toBe(500);
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
