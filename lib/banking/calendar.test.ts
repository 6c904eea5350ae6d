import { describe, expect, it } from 'vitest';
import { addDays, calendarDays, dayKey, endOfDay, isDateOnly, startOfDay } from './calendar';

describe('calendar days in the display time zone (Europe/Berlin)', () => {
  it('starts a winter day at 23:00 UTC the day before', () => {
    expect(startOfDay('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(endOfDay('2026-01-15').toISOString()).toBe('2026-01-15T23:00:00.000Z');
  });

  it('starts a summer day at 22:00 UTC the day before', () => {
    expect(startOfDay('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('handles the days the clocks change (23 and 25 hours long)', () => {
    const spring = endOfDay('2026-03-29').getTime() - startOfDay('2026-03-29').getTime();
    const autumn = endOfDay('2026-10-25').getTime() - startOfDay('2026-10-25').getTime();
    expect(spring / 3_600_000).toBe(23);
    expect(autumn / 3_600_000).toBe(25);
  });

  it('names the day of an instant as Berlin sees it', () => {
    expect(dayKey(new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-15');
    expect(dayKey(new Date('2026-01-14T22:30:00Z'))).toBe('2026-01-14');
    expect(dayKey(new Date('2026-01-14T22:30:00Z'), 'UTC')).toBe('2026-01-14');
  });

  it('round-trips: an instant lies within the day it is named after', () => {
    for (const iso of ['2026-03-29T00:59:59Z', '2026-03-29T01:00:00Z', '2026-10-25T00:30:00Z', '2026-12-31T23:59:59Z']) {
      const instant = new Date(iso);
      const day = dayKey(instant);
      expect(startOfDay(day).getTime()).toBeLessThanOrEqual(instant.getTime());
      expect(endOfDay(day).getTime()).toBeGreaterThan(instant.getTime());
    }
  });

  it('validates date-only strings', () => {
    expect(isDateOnly('2026-02-28')).toBe(true);
    expect(isDateOnly('2026-02-29')).toBe(false);
    expect(isDateOnly('2026-2-1')).toBe(false);
    expect(isDateOnly('yesterday')).toBe(false);
    expect(() => startOfDay('2026-13-01')).toThrow(RangeError);
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('lists a range of days with their ends, across the autumn clock change', () => {
    const days = calendarDays('2026-10-24', '2026-10-26');
    expect(days.map((d) => d.day)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(days.map((d) => d.endMs)).toEqual(days.map((d) => endOfDay(d.day).getTime()));
    expect(days[1]!.endMs - days[0]!.endMs).toBe(25 * 3_600_000); // the 25-hour day
    expect(calendarDays('2026-10-24', '2026-10-26')).toBe(days); // remembered
    expect(calendarDays('2026-10-26', '2026-10-24')).toEqual([]);
    expect(() => calendarDays('2026-10-24', 'tomorrow')).toThrow(RangeError);
  });
});
