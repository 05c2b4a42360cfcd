import { ErrorCode, MAX_MESSAGE_LENGTH, postMessageRequestSchema } from '@omnichannel/contracts';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { parseOrThrow } from './parse';

describe('parseOrThrow (issue #2 bad input)', () => {
  it('returns parsed data', () => {
    expect(parseOrThrow(postMessageRequestSchema, { kind: 'reply', body: '  hi ' })).toEqual({ kind: 'reply', body: 'hi', attachmentIds: [] });
  });

  it('refuses a wrong type with VALIDATION_FAILED and the path', () => {
    try {
      parseOrThrow(postMessageRequestSchema, { kind: 'reply', body: { $ne: null } });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe(ErrorCode.ValidationFailed);
      expect((e as AppError).message).toMatch(/^body:/);
    }
  });

  it('refuses an over-long message with MESSAGE_TOO_LONG', () => {
    const body = 'x'.repeat(MAX_MESSAGE_LENGTH + 1);
    let caught: unknown;
    try {
      parseOrThrow(postMessageRequestSchema, { kind: 'reply', body });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe(ErrorCode.MessageTooLong);
  });

  it('refuses text PostgreSQL cannot store anywhere in the input, before any schema (issue #10 point 9)', () => {
    const attempt = (schema: z.ZodType, value: unknown) => {
      try {
        parseOrThrow(schema, value);
      } catch (e) {
        return e instanceof AppError ? { code: e.code, message: e.message, details: e.details } : e;
      }
      return 'accepted';
    };
    expect(attempt(postMessageRequestSchema, { kind: 'reply', body: 'a\u0000b' })).toEqual({
      code: ErrorCode.ValidationFailed,
      message: 'body: contains a character that cannot be stored (U+0000)',
      details: { issues: [{ path: 'body', message: 'contains a character that cannot be stored (U+0000)' }] },
    });
    // Even where the schema would let anything through, or strip the field.
    expect(attempt(z.unknown(), ['ok', { deep: ['\uDFFF'] }])).toMatchObject({ message: '1.deep.0: contains a character that cannot be stored (U+DFFF)' });
    expect(attempt(z.object({}), { ['x\u0000']: 1 })).toMatchObject({ code: ErrorCode.ValidationFailed });
    expect(attempt(z.string(), '\u0000')).toMatchObject({ message: 'contains a character that cannot be stored (U+0000)' });
    expect(attempt(z.string(), 'emoji \uD83D\uDE00')).toBe('accepted');
  });
});
