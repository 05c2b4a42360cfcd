import { TypingThrottle } from './typing';

describe('the typing preview throttle (WORK-8)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first change at once, then at most one per interval, and always the latest draft last', () => {
    const sent: string[] = [];
    const typing = new TypingThrottle((text) => sent.push(text), 400);
    typing.update('H');
    expect(sent).toEqual(['H']);
    typing.update('He');
    typing.update('Hel');
    jest.advanceTimersByTime(399);
    expect(sent).toEqual(['H']);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual(['H', 'Hel']); // trailing edge
    typing.update('Hell');
    typing.update('Hello');
    jest.advanceTimersByTime(400);
    expect(sent).toEqual(['H', 'Hel', 'Hello']);
    jest.advanceTimersByTime(5_000);
    expect(sent).toHaveLength(3); // nothing new, nothing sent
  });

  it('says "stopped" at once when the draft is cleared, and only once', () => {
    const sent: string[] = [];
    const typing = new TypingThrottle((text) => sent.push(text), 400);
    typing.update('Hi');
    typing.update('Hi there');
    typing.update('');
    expect(sent).toEqual(['Hi', '']);
    jest.advanceTimersByTime(1_000);
    expect(sent).toEqual(['Hi', '']); // the pending trailing send was cancelled
    typing.stop();
    typing.update('   ');
    expect(sent).toEqual(['Hi', '']);
  });

  it('says nothing on stop when nothing was shown, and nothing after a reset', () => {
    const sent: string[] = [];
    const typing = new TypingThrottle((text) => sent.push(text), 400);
    typing.stop();
    expect(sent).toEqual([]);
    typing.update('a');
    typing.reset();
    typing.stop();
    expect(sent).toEqual(['a']);
  });
});
