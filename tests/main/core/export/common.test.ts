import { describe, expect, it } from 'vitest';
import { blockIds, readingOrder, shortId, utcDateTime, webUrl } from '../../../../main/core/export/common';
import { essay, highlight } from './fixture';

describe('readingOrder', () => {
  it('sorts by start, then by end, whatever order the highlights came in', () => {
    const { placed } = readingOrder(essay);
    expect(placed.map((h) => h.id)).toEqual([
      'f00dfeed-0002-4000-8000-000000000002', // 10–18, before the longer one starting at 10
      'a1b2c3d4-0001-4000-8000-000000000001',
      '0badc0de-0003-4000-8000-000000000003', // overlaps the one before
      '7e57ab1e-0004-4000-8000-000000000004',
      'dec0ded0-0005-4000-8000-000000000005',
      '5eed5eed-0006-4000-8000-000000000006',
      'a1b2c3d4-9999-4000-8000-000000000007',
    ]);
  });

  it('keeps orphans apart, in their own reading order', () => {
    const { placed, orphans } = readingOrder(essay);
    expect(orphans.map((h) => h.id)).toEqual(['0a2fa2ed-0008-4000-8000-000000000008']);
    expect(placed.some((h) => essay.orphanIds.has(h.id))).toBe(false);
  });

  it('breaks exact ties by creation time, then id, so the input order never shows', () => {
    const a = highlight({ id: 'b', quote: 'x', start: 5, createdAt: '2024-01-01T00:00:00.000Z' });
    const b = highlight({ id: 'a', quote: 'x', start: 5, createdAt: '2024-01-01T00:00:00.000Z' });
    const c = highlight({ id: 'c', quote: 'x', start: 5, createdAt: '2023-01-01T00:00:00.000Z' });
    const doc = { ...essay, highlights: [a, b, c], orphanIds: new Set<string>() };
    expect(readingOrder(doc).placed.map((h) => h.id)).toEqual(['c', 'a', 'b']);
    expect(readingOrder({ ...doc, highlights: [c, b, a] }).placed.map((h) => h.id)).toEqual(['c', 'a', 'b']);
  });

  it('does not reorder the document’s own array', () => {
    const before = essay.highlights.map((h) => h.id);
    readingOrder(essay);
    expect(essay.highlights.map((h) => h.id)).toEqual(before);
  });
});

describe('blockIds', () => {
  it('uses the first 8 hex digits of the id, without dashes', () => {
    expect(shortId('0BADC0DE-0003-4000-8000-000000000003')).toBe('0badc0de');
    expect(shortId('ab-cd')).toBe('abcd');
    expect(blockIds(essay.highlights).get('0badc0de-0003-4000-8000-000000000003')).toBe('gloss-0badc0de');
  });

  it('gives the older of two highlights sharing a short id the short form, the newer its whole id', () => {
    const ids = blockIds(essay.highlights);
    expect(ids.get('a1b2c3d4-0001-4000-8000-000000000001')).toBe('gloss-a1b2c3d4');
    expect(ids.get('a1b2c3d4-9999-4000-8000-000000000007')).toBe('gloss-a1b2c3d4-9999-4000-8000-000000000007');
  });

  it('keeps existing ids when a highlight is added, even one sorting first, and when one is deleted', () => {
    const before = blockIds(essay.highlights);
    const added = highlight({ id: 'a1b2c3d4-0000-4000-8000-000000000000', quote: 'new', start: 1, createdAt: '2025-01-01T00:00:00.000Z' });
    const after = blockIds([added, ...essay.highlights]);
    for (const [id, blockId] of before) expect(after.get(id)).toBe(blockId);
    const fewer = blockIds(essay.highlights.filter((h) => h.id !== 'f00dfeed-0002-4000-8000-000000000002'));
    for (const [id, blockId] of fewer) expect(before.get(id)).toBe(blockId);
  });

  it('never gives two highlights the same id, even when one id is the other’s prefix', () => {
    const newer = highlight({ id: 'abcdef12', quote: 'x', start: 1, createdAt: '2024-02-01T00:00:00.000Z' });
    const older = highlight({ id: 'abcdef12-3', quote: 'y', start: 2, createdAt: '2024-01-01T00:00:00.000Z' });
    const ids = blockIds([newer, older]);
    expect(ids.get('abcdef12-3')).toBe('gloss-abcdef12');
    expect(ids.get('abcdef12')).toBe('gloss-abcdef12-2');
  });
});

describe('utcDateTime', () => {
  it.each([
    ['2024-01-02T03:04:05.678Z', '2024-01-02 03:04:05'],
    ['2024-01-05T01:30:00.000+02:00', '2024-01-04 23:30:00'],
    ['2024-12-31T23:59:59-01:00', '2025-01-01 00:59:59'],
    ['not a date', ''],
  ])('writes %s as %j', (iso, expected) => {
    expect(utcDateTime(iso)).toBe(expected);
  });
});

describe('webUrl', () => {
  it.each([
    ['https://example.com/a b', 'https://example.com/a%20b'],
    ['  http://example.com  ', 'http://example.com/'],
    ['javascript:alert(1)', null],
    ['file:///etc/passwd', null],
    ['Printed handout', null],
    [null, null],
  ])('accepts %j as %j', (source, expected) => {
    expect(webUrl(source)).toBe(expected);
  });
});
