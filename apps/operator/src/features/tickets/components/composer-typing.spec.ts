import { createTypingNotifier } from './composer-typing';

describe('createTypingNotifier', () => {
  beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => jest.useRealTimers());

  it('says "typing" at once, then at most every 3 s while keys keep coming', () => {
    const emit = jest.fn();
    const notifier = createTypingNotifier(emit);
    notifier.input();
    expect(emit.mock.calls).toEqual([[true]]);
    for (let i = 0; i < 14; i++) {
      jest.advanceTimersByTime(500);
      notifier.input();
    }
    // 7 s of typing, a key every 0.5 s: "typing" at 0, 3 s and 6 s, never "stopped"
    expect(emit.mock.calls).toEqual([[true], [true], [true]]);
  });

  it('says "stopped" once after 4 s without a key', () => {
    const emit = jest.fn();
    const notifier = createTypingNotifier(emit);
    notifier.input();
    jest.advanceTimersByTime(3_999);
    expect(emit.mock.calls).toEqual([[true]]);
    jest.advanceTimersByTime(1);
    expect(emit.mock.calls).toEqual([[true], [false]]);
    jest.advanceTimersByTime(10_000);
    expect(emit.mock.calls).toEqual([[true], [false]]);
  });

  it('starts again at once after a pause', () => {
    const emit = jest.fn();
    const notifier = createTypingNotifier(emit);
    notifier.input();
    jest.advanceTimersByTime(5_000);
    notifier.input();
    expect(emit.mock.calls).toEqual([[true], [false], [true]]);
  });

  it('says "stopped" on send (stop) only when "typing" was said, and not again when the idle timer would fire', () => {
    const emit = jest.fn();
    const notifier = createTypingNotifier(emit);
    notifier.stop();
    expect(emit).not.toHaveBeenCalled();
    notifier.input();
    notifier.stop();
    notifier.stop();
    jest.advanceTimersByTime(10_000);
    expect(emit.mock.calls).toEqual([[true], [false]]);
  });
});
