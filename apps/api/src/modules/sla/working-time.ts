import { DateTime, IANAZone } from 'luxon';

/**
 * Working-time arithmetic for SLA deadlines (SLA-1): "first reply within N minutes, resolution within M",
 * counted in working hours when a schedule is set. Pure functions of instants; all calendar reasoning
 * happens in the schedule's own zone, so a DST change shortens or lengthens the working day by the real
 * amount and 'HH:MM' always means the local wall clock.
 */

export interface WorkSchedule {
  /** IANA zone, e.g. 'Europe/Moscow' */
  timezone: string;
  /** Working intervals per ISO weekday (1 = Monday … 7 = Sunday), local 'HH:MM' 24h; to > from; several per day allowed; 'to' may be '24:00'. */
  week: { day: number; from: string; to: string }[];
  /** Local dates 'YYYY-MM-DD' that are not worked at all. */
  holidays: string[];
}

const MINUTE_MS = 60_000;
/** How far a deadline is searched for: a schedule may be all holidays, and a deadline years away is no SLA. */
const HORIZON_MS = 3 * 366 * 24 * 60 * MINUTE_MS;

/** A schedule checked and sorted once per call: minutes after local midnight, by ISO weekday. */
interface Plan {
  zone: string;
  days: Map<number, [from: number, to: number][]>;
  holidays: Set<string>;
}

/** 'HH:MM' → minutes after midnight, or null; '24:00' is the end of the day. */
function parseClock(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : null;
}

/**
 * Malformed or empty intervals are skipped rather than thrown on, so one bad row cannot stop every SLA
 * from being computed; null means there is no working time at all. An unknown zone is a configuration
 * error that would silently shift every deadline, so it throws.
 */
function compile(schedule: WorkSchedule): Plan | null {
  if (!IANAZone.isValidZone(schedule.timezone)) throw new RangeError(`Unknown time zone: ${schedule.timezone}`);
  const days = new Map<number, [number, number][]>();
  for (const { day, from, to } of schedule.week) {
    const start = parseClock(from);
    const end = parseClock(to);
    if (!Number.isInteger(day) || day < 1 || day > 7 || start === null || end === null || end <= start) continue;
    days.set(day, [...(days.get(day) ?? []), [start, end]]);
  }
  if (days.size === 0) return null;
  for (const intervals of days.values()) intervals.sort((a, b) => a[0] - b[0]);
  return { zone: schedule.timezone, days, holidays: new Set(schedule.holidays) };
}

/**
 * The instant of a local wall-clock time. Built from calendar fields, never by adding minutes to midnight,
 * so 09:00 stays 09:00 on a DST day; a time inside the spring-forward gap moves forward past it.
 */
function localInstant(day: DateTime, minutes: number): number {
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    { zone: day.zone },
  ).toMillis();
}

/**
 * Working intervals [start, end) in epoch ms, in order, clipped to [fromMs, untilMs). Overlapping intervals
 * are merged by never starting before the previous end, so no minute is counted twice. The walk is by
 * local day and stops at untilMs, which callers keep finite.
 */
function* workingIntervals(plan: Plan, fromMs: number, untilMs: number): Generator<[number, number]> {
  let lastEnd = -Infinity;
  for (
    let day = DateTime.fromMillis(fromMs, { zone: plan.zone }).startOf('day');
    day.toMillis() < untilMs;
    day = day.plus({ days: 1 }).startOf('day')
  ) {
    if (plan.holidays.has(day.toFormat('yyyy-MM-dd'))) continue;
    for (const [from, to] of plan.days.get(day.weekday) ?? []) {
      const start = Math.max(localInstant(day, from), lastEnd);
      const end = localInstant(day, to);
      if (end <= start) continue;
      lastEnd = end;
      const clippedStart = Math.max(start, fromMs);
      const clippedEnd = Math.min(end, untilMs);
      if (clippedEnd > clippedStart) yield [clippedStart, clippedEnd];
    }
  }
}

/**
 * The instant `minutes` working minutes after `start`. null schedule = plain calendar minutes. A schedule
 * with no working time at all: return null (deadline never comes); so does one with no deadline within about
 * three years. The result is the earliest such instant, so a deadline that uses up a day's last minute is
 * that day's closing time, not the next opening; zero or negative minutes give `start` itself.
 */
export function addWorkingMinutes(start: Date, minutes: number, schedule: WorkSchedule | null): Date | null {
  const startMs = start.getTime();
  if (!(minutes > 0)) return new Date(startMs);
  if (!schedule) return new Date(startMs + minutes * MINUTE_MS);
  const plan = compile(schedule);
  if (!plan) return null;
  let left = minutes * MINUTE_MS;
  for (const [from, to] of workingIntervals(plan, startMs, startMs + HORIZON_MS)) {
    if (to - from >= left) return new Date(from + left);
    left -= to - from;
  }
  return null;
}

/**
 * Working minutes between two instants (0 if to <= from); null schedule = calendar minutes. Fractions
 * allowed. The walk is bounded by the two instants themselves, so the cost grows with the span (days for SLAs).
 */
export function workingMinutesBetween(from: Date, to: Date, schedule: WorkSchedule | null): number {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(toMs > fromMs)) return 0;
  if (!schedule) return (toMs - fromMs) / MINUTE_MS;
  const plan = compile(schedule);
  if (!plan) return 0;
  let total = 0;
  for (const [start, end] of workingIntervals(plan, fromMs, toMs)) total += end - start;
  return total / MINUTE_MS;
}

/** Whether the instant falls inside working time (opening inclusive, closing exclusive); null schedule = always true. */
export function isWorkingTime(at: Date, schedule: WorkSchedule | null): boolean {
  if (!schedule) return true;
  const plan = compile(schedule);
  if (!plan) return false;
  const atMs = at.getTime();
  return !workingIntervals(plan, atMs, atMs + 1).next().done;
}
