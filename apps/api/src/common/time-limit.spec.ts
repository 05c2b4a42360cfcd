import { finishesWithin } from './time-limit';

describe('finishesWithin (shutdown steps, issue #16)', () => {
  it('says whether the work finished in time, and passes its failure on', async () => {
    expect(await finishesWithin(Promise.resolve('done'), 1_000)).toBe(true);
    expect(await finishesWithin(new Promise(() => undefined), 20)).toBe(false);
    await expect(finishesWithin(Promise.reject(new Error('broke')), 1_000)).rejects.toThrow('broke');
  });
});
