import { describe, expect, it } from 'vitest';
import { GlossError } from '../../../../main/core/errors';
import { detectFormat, parseImport } from '../../../../main/core/import';

describe('detectFormat', () => {
  it.each([
    ['annotations.json', '', 'web-annotation'],
    ['export.JSONLD', '', 'web-annotation'],
    ['highlights.csv', '', 'readwise'],
    ['My Clippings.txt', '', 'kindle'],
    ['download', '\uFEFF  {"type": "Annotation"}', 'web-annotation'],
    ['download', '[]', 'web-annotation'],
    ['download', 'Highlight,Title,Author,URL,Note,Location,Date\r\n', 'readwise'],
    ['clippings', 'Book (Author)\r\n- Your Highlight on Location 1-2 | Added on Monday, May 6, 2024 10:00:00 AM\r\n', 'kindle'],
    ['notes.md', '# Just Markdown', null],
  ])('%s starting %j is %s', (name, text, format) => {
    expect(detectFormat(name, text)).toBe(format);
  });
});

describe('parseImport', () => {
  it('refuses a file it cannot tell the kind of, naming the file and what it imports', () => {
    const error = (() => {
      try {
        parseImport('notes.md', '# Just Markdown');
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(GlossError);
    expect((error as GlossError).message).toMatch(/^notes\.md: Gloss cannot tell what kind of file this is\./);
  });

  it('passes the file to the parser its name calls for', () => {
    expect(parseImport('x.csv', 'Highlight,Title,Author,URL,Note,Location,Date\r\nA,B,,,,,\r\n').format).toBe('readwise-import');
  });
});
