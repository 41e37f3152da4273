import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { stableId } from '../../../main/core/stable-id';

describe('stableId', () => {
  it('gives the id earlier versions gave: the SHA-256 of the parts as JSON, laid out as a version 8 UUID', () => {
    // A second import of a file must recognise the highlights the first one made, so the id may never change.
    const parts = ['readwise', 'Walden', 'Henry David Thoreau', '', 'I went to the woods', '12', '2024-01-02 10:05:00'];
    const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
    const id = stableId(...parts);
    expect(id.replaceAll('-', '').slice(0, 12)).toBe(hex.slice(0, 12));
    expect(id.slice(14, 18)).toBe(`8${hex.slice(13, 16)}`);
    expect(id.slice(20)).toBe(`${hex.slice(17, 20)}-${hex.slice(20, 32)}`);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('tells parts apart that would run together as text', () => {
    expect(stableId('ab', 'c')).not.toBe(stableId('a', 'bc'));
    expect(stableId('a', 'b')).toBe(stableId('a', 'b'));
  });
});
