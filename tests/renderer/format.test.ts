import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatArticleDate } from '../../renderer/src/format';

describe('formatArticleDate', () => {
  it.each([
    ['2021-06-16', 'en-US', 'June 16, 2021'],
    ['2021-06-16', 'en-GB', '16 June 2021'],
    ['2021-06-16', 'de-DE', '16. Juni 2021'],
    ['2021-06-16', 'fr-FR', '16 juin 2021'],
    ['2020-02-29', 'en-US', 'February 29, 2020'],
    ['2000-02-29', 'en-US', 'February 29, 2000'],
    ['1999-12-31', 'en-US', 'December 31, 1999'],
    ['2021-01-01', 'en-US', 'January 1, 2021'],
    ['2021-12-31', 'en-US', 'December 31, 2021'],
  ])('formats %s in %s as %j', (date, locale, expected) => {
    expect(formatArticleDate(date, locale)).toBe(expected);
  });

  it.each(['2021-02-30', '2021-02-29', '1900-02-29', '2021-04-31', '2021-13-01', '2021-00-10', '2021-06-00', '2021-06-32'])(
    'returns the impossible date %s unchanged',
    (date) => {
      expect(formatArticleDate(date, 'en-US')).toBe(date);
    },
  );

  it.each([
    'Spring 2021',
    'June 2021',
    '2021',
    '2021-06',
    '2021-6-16',
    '16/06/2021',
    ' 2021-06-16',
    '2021-06-16 ',
    '2021-06-16\n',
    '2021-06-16T10:00:00Z',
    '２０２１-０６-１６',
    '',
  ])('returns the free text %j unchanged', (text) => {
    expect(formatArticleDate(text, 'en-US')).toBe(text);
  });

  it.each([
    ['0099-01-01', 'January 1, 99'],
    ['0001-03-15', 'March 15, 1'],
  ])('keeps the year of the early date %s (no 1900s shift)', (date, expected) => {
    expect(formatArticleDate(date, 'en-US')).toBe(expected);
  });

  describe.each(['Pacific/Kiritimati', 'Pacific/Pago_Pago'])('with the machine’s time zone set to %s', (zone) => {
    const original = process.env.TZ;
    beforeEach(() => {
      process.env.TZ = zone;
    });
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    it('shows the calendar day written in the string, since the date has no time zone', () => {
      // UTC+14 and UTC−11: a local-midnight or UTC instant read in local time would move the day.
      expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
      expect(formatArticleDate('2021-06-16', 'en-US')).toBe('June 16, 2021');
      expect(formatArticleDate('2021-01-01', 'en-US')).toBe('January 1, 2021');
    });
  });
});
