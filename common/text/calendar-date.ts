/**
 * Whether a date typed for a document (Edit details) is one: a year, a year
 * and month, or a full date (ISO 8601: 2024, 2024-03, 2024-03-15), each part
 * in range for its calendar (30 days hath September, 29 February in leap
 * years). Returns the message to show, or null when the date is fine.
 */
export function calendarDateProblem(text: string): string | null {
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  const example = 'Write it as YYYY-MM-DD (for example 2024-03-15), YYYY-MM or YYYY.';
  if (!match) return `“${text.trim()}” is not a date. ${example}`;
  const [, year, month, day] = match;
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return `“${text.trim()}” has no month ${Number(month)}. ${example}`;
  if (day !== undefined && (Number(day) < 1 || Number(day) > daysIn(Number(year), Number(month)))) {
    return `“${text.trim()}” is not a day of that month. ${example}`;
  }
  return null;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}
