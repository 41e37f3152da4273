import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedArticlePath } from '../../main/config';
import { deriveTitle, parseMarkdownSource } from '../../main/core/documents/markdown-source';

const projectRoot = new URL('../..', import.meta.url).pathname;
/** The article as the product's owner gave it, beside the repository (CI lays shared/ there too). */
const ownerCopy = join(projectRoot, '..', 'shared', 'seed', '000_9f3077aa07e34369.txt');

describe('the shipped article', () => {
  const shipped = parseMarkdownSource(readFileSync(seedArticlePath(projectRoot), 'utf8'));

  it.skipIf(!existsSync(ownerCopy))('is the owner’s text word for word, its leading "date 2021-06-16" moved into the frontmatter', () => {
    const original = readFileSync(ownerCopy, 'utf8');
    const match = /^\s*date (\d{4}-\d{2}-\d{2}) /.exec(original);
    expect(match?.[1]).toBe('2021-06-16');
    expect(shipped.metadata.date).toBe(match?.[1]);
    expect(shipped.body.trimEnd()).toBe(original.slice(match![0].length).trimEnd());
  });

  it('starts with the body text, not the metadata, and takes its title from its first sentence', () => {
    expect(
      shipped.body.startsWith(
        'The coronavirus outbreak has raised a question about global cooperation, how are countries working together',
      ),
    ).toBe(true);
    expect(shipped.metadata.title).toBeNull();
    expect(deriveTitle(shipped.body)).toBe('The coronavirus outbreak has raised a question about global cooperation');
  });
});
