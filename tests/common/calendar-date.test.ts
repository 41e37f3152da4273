import { describe, expect, it } from 'vitest';
import { calendarDateProblem } from '../../common/text/calendar-date';

describe('calendarDateProblem', () => {
  it.each(['2024', '2024-03', '2024-03-15', '2024-02-29', '2000-02-29', '1999-12-31', ' 2024-04-30 '])('accepts %j', (date) => {
    expect(calendarDateProblem(date)).toBeNull();
  });

  it.each([
    ['2024-13-45', 'has no month 13'],
    ['2024-00', 'has no month 0'],
    ['2023-02-29', 'is not a day of that month'],
    ['1900-02-29', 'is not a day of that month'],
    ['2024-04-31', 'is not a day of that month'],
    ['2024-01-00', 'is not a day of that month'],
    ['16/06/2021', 'is not a date'],
    ['June 2021', 'is not a date'],
    ['2024-3-5', 'is not a date'],
  ])('refuses %j: %s', (date, reason) => {
    const problem = calendarDateProblem(date);
    expect(problem).toContain(reason);
    expect(problem).toContain('YYYY-MM-DD');
  });
});
