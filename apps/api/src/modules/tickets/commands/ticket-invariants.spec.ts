import { ErrorCode } from '@omnichannel/contracts';
import { AppError } from '../../../common/errors/app-error';
import { assertCanReply, assertLive, assertStatusAllowed, reopens, statusAfterExecutorChange } from './ticket-invariants';

const live = { live: true, status: 'in_progress', executor_id: 'a' };
const closed = { live: false, status: 'completed', executor_id: 'a' };

function code(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('ticket invariants (issue #9: checked once, in the commands)', () => {
  it('no final status while the chat is live (WORK-11)', () => {
    expect(code(() => assertStatusAllowed(live, { isFinal: true }))).toBe(ErrorCode.TicketNotLive);
    expect(code(() => assertStatusAllowed(live, { isFinal: false }))).toBeNull();
    expect(code(() => assertStatusAllowed(closed, { isFinal: true }))).toBeNull();
  });

  it('replies while live, and after the chat until the ticket is closed (CORE-6)', () => {
    expect(code(() => assertCanReply(live, false))).toBeNull();
    expect(code(() => assertCanReply({ ...closed, status: 'open' }, false))).toBeNull();
    expect(code(() => assertCanReply(closed, true))).toBe(ErrorCode.TicketNotLive);
  });

  it('assigning, moving and completing need a live chat', () => {
    expect(code(() => assertLive(closed))).toBe(ErrorCode.TicketNotLive);
    expect(code(() => assertLive(live))).toBeNull();
  });

  it('the status follows a change of executor; keeping the executor keeps the status', () => {
    expect(statusAfterExecutorChange(live, null)).toBe('open');
    expect(statusAfterExecutorChange({ ...live, executor_id: null, status: 'open' }, 'b')).toBe('in_progress');
    expect(statusAfterExecutorChange({ ...live, status: 'waiting' }, 'a')).toBe('waiting');
  });

  it('a closed ticket given an open status is reopened', () => {
    expect(reopens(closed, true, { isFinal: false })).toBe(true);
    expect(reopens(closed, true, { isFinal: true })).toBe(false);
    expect(reopens(live, false, { isFinal: false })).toBe(false);
  });
});
