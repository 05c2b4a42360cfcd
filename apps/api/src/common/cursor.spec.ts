import { decodeCursor, encodeCursor, listTag } from './cursor';

/** The error code a call throws with, or null. */
function codeOf(call: () => unknown): string | null {
  try {
    call();
    return null;
  } catch (error) {
    return (error as { code?: string }).code ?? 'no code';
  }
}

/** Issue #19: keyset cursors come back only to the list that handed them out, and only well-formed. */
describe('cursor', () => {
  const at = '2026-12-01 08:00:56.845739+00';
  const id = '1c4a99f6-ca2f-45d3-b2cc-8f8ce593b7f4';

  it('round-trips a sort key with microseconds', () => {
    expect(decodeCursor(encodeCursor('live:mine:', [at, id]), 'live:mine:', ['timestamp', 'uuid'])).toEqual([at, id]);
    expect(decodeCursor(encodeCursor('tickets:x', [42]), 'tickets:x', ['int'])).toEqual([42]);
  });

  it.each([
    ['not base64 json', 'not-a-cursor'],
    ['another list', encodeCursor('live:unassigned:', [at, id])],
    ['too few parts', encodeCursor('live:mine:', [at])],
    ['a date that does not exist', encodeCursor('live:mine:', ['2026-02-30 10:00:00+00', id])],
    ['not a date', encodeCursor('live:mine:', ['yesterday', id])],
    ['not a uuid', encodeCursor('live:mine:', [at, 'x'])],
    ['a number for a date', encodeCursor('live:mine:', [5, id])],
  ])('refuses %s with INVALID_CURSOR', (_what, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, 'live:mine:', ['timestamp', 'uuid']))).toBe('INVALID_CURSOR');
  });

  it('refuses ints out of range', () => {
    for (const value of [-1, 1.5, 2 ** 31, '7']) {
      expect(codeOf(() => decodeCursor(encodeCursor('t', [value as number]), 't', ['int']))).toBe('INVALID_CURSOR');
    }
  });

  it('tags a search by its filters, whatever their order', () => {
    expect(listTag('tickets', { q: 'a', status: undefined })).toBe(listTag('tickets', { status: undefined, q: 'a' }));
    expect(listTag('tickets', { q: 'a' })).not.toBe(listTag('tickets', { q: 'b' }));
  });
});
