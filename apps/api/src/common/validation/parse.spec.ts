import { ErrorCode, MAX_MESSAGE_LENGTH, postMessageRequestSchema } from '@omnichannel/contracts';
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
});
