import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoTime } from '../../../../main/core/import/common';
import { highlightSchema } from '../../../../main/core/storage/schema';

/** The schema a stored time must pass (createdAt, like every time in storage). */
const storedTime = highlightSchema.shape.createdAt;

describe('isoTime', () => {
  it('keeps a time as written exactly when storage accepts it, and gives only times storage accepts', () => {
    const digits = (value: number, width: number) => String(value).padStart(width, '0');
    const time = fc
      .record({
        year: fc.integer({ min: 0, max: 10_001 }),
        month: fc.integer({ min: 0, max: 13 }),
        day: fc.integer({ min: 0, max: 32 }),
        separator: fc.constantFrom('T', ' ', 't'),
        hour: fc.integer({ min: 0, max: 25 }),
        minute: fc.integer({ min: 0, max: 61 }),
        second: fc.option(fc.integer({ min: 0, max: 61 })),
        fraction: fc.option(fc.stringMatching(/^\d{1,10}$/)),
        zone: fc.constantFrom('Z', 'z', '', '+02:00', '+0200', '-23:59', '+24:00', ' UTC', '+05'),
      })
      .map(({ year, month, day, separator, hour, minute, second, fraction, zone }) => {
        const seconds = second === null ? '' : `:${digits(second, 2)}${fraction === null ? '' : `.${fraction}`}`;
        return `${digits(year, 4)}-${digits(month, 2)}-${digits(day, 2)}${separator}${digits(hour, 2)}:${digits(minute, 2)}${seconds}${zone}`;
      });
    fc.assert(
      fc.property(
        fc.oneof(
          time,
          fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
          fc.string({ maxLength: 30 }),
        ),
        (text) => {
          const result = isoTime(text);
          expect(result === text).toBe(storedTime.safeParse(text).success);
          if (result !== null) expect(storedTime.safeParse(result).success).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
