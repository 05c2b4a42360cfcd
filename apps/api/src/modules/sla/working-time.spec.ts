import { addWorkingMinutes, isWorkingTime, workingMinutesBetween, type WorkSchedule } from './working-time';

/** Moscow has no DST (UTC+3), so expected instants are easy to read; 2025-06-02 is a Monday. */
const weekdays = (from: string, to: string): WorkSchedule['week'] => [1, 2, 3, 4, 5].map((day) => ({ day, from, to }));
const office: WorkSchedule = { timezone: 'Europe/Moscow', week: weekdays('09:00', '18:00'), holidays: [] };
const msk = (local: string) => new Date(`${local}:00+03:00`);

describe('working time without a schedule', () => {
  it('counts plain calendar minutes', () => {
    expect(addWorkingMinutes(msk('2025-06-07T23:30'), 90, null)).toEqual(msk('2025-06-08T01:00'));
    expect(workingMinutesBetween(msk('2025-06-07T23:30'), new Date(msk('2025-06-08T01:00').getTime() + 30_000), null)).toBe(90.5);
    expect(workingMinutesBetween(msk('2025-06-08T01:00'), msk('2025-06-07T23:30'), null)).toBe(0);
    expect(isWorkingTime(msk('2025-06-08T03:00'), null)).toBe(true);
  });
});

describe('addWorkingMinutes (SLA-1)', () => {
  it('counts on from a start inside working hours', () => {
    expect(addWorkingMinutes(msk('2025-06-02T10:00'), 90, office)).toEqual(msk('2025-06-02T11:30'));
  });

  it('ends at closing time rather than the next opening when the last minute of the day is used', () => {
    expect(addWorkingMinutes(msk('2025-06-02T17:00'), 60, office)).toEqual(msk('2025-06-02T18:00'));
  });

  it('starts counting at opening when the start is before it', () => {
    expect(addWorkingMinutes(msk('2025-06-02T07:00'), 30, office)).toEqual(msk('2025-06-02T09:30'));
  });

  it('rolls a start after closing to the next working day', () => {
    expect(addWorkingMinutes(msk('2025-06-02T19:00'), 30, office)).toEqual(msk('2025-06-03T09:30'));
    expect(addWorkingMinutes(msk('2025-06-02T17:30'), 60, office)).toEqual(msk('2025-06-03T09:30'));
  });

  it('skips the weekend', () => {
    expect(addWorkingMinutes(msk('2025-06-06T17:30'), 60, office)).toEqual(msk('2025-06-09T09:30'));
    expect(addWorkingMinutes(msk('2025-06-07T12:00'), 10, office)).toEqual(msk('2025-06-09T09:10'));
  });

  it('skips holidays', () => {
    const withRussiaDay = { ...office, holidays: ['2025-06-12'] };
    expect(addWorkingMinutes(msk('2025-06-11T17:00'), 120, withRussiaDay)).toEqual(msk('2025-06-13T10:00'));
  });

  it('honours several intervals per day and never counts an overlap twice', () => {
    const lunch: WorkSchedule = { ...office, week: [...weekdays('14:00', '18:00'), ...weekdays('09:00', '13:00')] };
    expect(addWorkingMinutes(msk('2025-06-02T12:30'), 60, lunch)).toEqual(msk('2025-06-02T14:30'));
    const overlapping: WorkSchedule = { ...office, week: [...weekdays('09:00', '13:00'), ...weekdays('11:00', '15:00'), ...weekdays('10:00', '12:00')] };
    expect(workingMinutesBetween(msk('2025-06-02T00:00'), msk('2025-06-03T00:00'), overlapping)).toBe(360);
    expect(addWorkingMinutes(msk('2025-06-02T09:00'), 360, overlapping)).toEqual(msk('2025-06-02T15:00'));
  });

  it('runs across midnight with a day that works until 24:00', () => {
    const night: WorkSchedule = { ...office, week: [{ day: 7, from: '22:00', to: '24:00' }, { day: 1, from: '00:00', to: '02:00' }] };
    expect(addWorkingMinutes(msk('2025-06-01T23:00'), 120, night)).toEqual(msk('2025-06-02T01:00'));
    expect(isWorkingTime(msk('2025-06-01T23:59'), night)).toBe(true);
  });

  it('returns null for a schedule without any working time', () => {
    expect(addWorkingMinutes(msk('2025-06-02T10:00'), 30, { ...office, week: [] })).toBeNull();
    const malformed: WorkSchedule = { ...office, week: [{ day: 1, from: '18:00', to: '09:00' }, { day: 8, from: '09:00', to: '18:00' }] };
    expect(addWorkingMinutes(msk('2025-06-02T10:00'), 30, malformed)).toBeNull();
    expect(workingMinutesBetween(msk('2025-06-02T10:00'), msk('2025-06-03T10:00'), { ...office, week: [] })).toBe(0);
  });

  it('gives up with null instead of searching forever when the deadline lies years ahead', () => {
    expect(addWorkingMinutes(msk('2025-06-02T10:00'), 10_000_000, office)).toBeNull();
  });

  it('refuses an unknown time zone', () => {
    expect(() => addWorkingMinutes(new Date(), 1, { ...office, timezone: 'Mars/Olympus' })).toThrow(RangeError);
  });
});

describe('DST in Europe/Berlin', () => {
  const berlin: WorkSchedule = { timezone: 'Europe/Berlin', week: weekdays('09:00', '18:00'), holidays: [] };
  const allSunday: WorkSchedule = { ...berlin, week: [{ day: 7, from: '00:00', to: '24:00' }] };

  it('keeps opening at 09:00 local after clocks go forward on 2025-03-30', () => {
    // Friday 17:00 CET + 60 min on Friday, then Monday 09:00 CEST (07:00Z) + 60 min.
    expect(addWorkingMinutes(new Date('2025-03-28T17:00:00+01:00'), 120, berlin)).toEqual(new Date('2025-03-31T08:00:00Z'));
  });

  it('counts the real length of the change days', () => {
    expect(workingMinutesBetween(new Date('2025-03-29T00:00:00+01:00'), new Date('2025-03-31T00:00:00+02:00'), allSunday)).toBe(23 * 60);
    expect(workingMinutesBetween(new Date('2025-10-25T00:00:00+02:00'), new Date('2025-10-27T00:00:00+01:00'), allSunday)).toBe(25 * 60);
    const acrossGap: WorkSchedule = { ...berlin, week: [{ day: 7, from: '01:00', to: '04:00' }] };
    expect(workingMinutesBetween(new Date('2025-03-30T00:00:00+01:00'), new Date('2025-03-31T00:00:00+02:00'), acrossGap)).toBe(120);
    expect(addWorkingMinutes(new Date('2025-03-30T00:00:00+01:00'), 90, acrossGap)).toEqual(new Date('2025-03-30T03:30:00+02:00'));
  });
});

describe('workingMinutesBetween', () => {
  const schedules: WorkSchedule[] = [
    { ...office, week: [...weekdays('09:00', '13:00'), ...weekdays('14:00', '18:00')], holidays: ['2025-06-12'] },
    { timezone: 'Europe/Berlin', week: [...weekdays('08:00', '20:00'), { day: 6, from: '10:00', to: '24:00' }], holidays: [] },
  ];
  const starts = ['2025-03-27T19:00:00Z', '2025-06-02T06:30:00Z', '2025-06-11T15:59:30Z', '2025-10-24T12:00:00Z'].map((s) => new Date(s));

  it('is the inverse of addWorkingMinutes', () => {
    for (const schedule of schedules) {
      for (const start of starts) {
        for (const minutes of [1, 45, 240, 481, 2500, 0.5]) {
          const deadline = addWorkingMinutes(start, minutes, schedule);
          expect(deadline).not.toBeNull();
          expect(workingMinutesBetween(start, deadline!, schedule)).toBeCloseTo(minutes, 6);
        }
      }
    }
  });

  it('counts only the working part of a partial day', () => {
    expect(workingMinutesBetween(msk('2025-06-02T08:00'), msk('2025-06-02T10:15'), office)).toBe(75);
    expect(workingMinutesBetween(msk('2025-06-06T17:00'), msk('2025-06-09T10:00'), office)).toBe(120);
  });
});

describe('isWorkingTime', () => {
  it('includes opening and excludes closing', () => {
    expect(isWorkingTime(msk('2025-06-02T09:00'), office)).toBe(true);
    expect(isWorkingTime(new Date(msk('2025-06-02T09:00').getTime() - 1), office)).toBe(false);
    expect(isWorkingTime(new Date(msk('2025-06-02T18:00').getTime() - 1), office)).toBe(true);
    expect(isWorkingTime(msk('2025-06-02T18:00'), office)).toBe(false);
  });

  it('is false on weekends and holidays', () => {
    expect(isWorkingTime(msk('2025-06-07T12:00'), office)).toBe(false);
    expect(isWorkingTime(msk('2025-06-12T12:00'), { ...office, holidays: ['2025-06-12'] })).toBe(false);
  });
});
