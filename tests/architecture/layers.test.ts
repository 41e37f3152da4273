import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importSpecifiers, layerViolation } from './layers';

const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', 'common', 'main', 'preload', 'renderer'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter((file) => /\.(ts|mts|mjs)$/.test(file));

describe('the layering rule', () => {
  it('holds for every source file in the tree', () => {
    expect(sources.length).toBeGreaterThan(50);
    const violations = sources.flatMap((file) =>
      importSpecifiers(readFileSync(file, 'utf8')).flatMap((specifier) => layerViolation(file, specifier) ?? []),
    );
    expect(violations).toEqual([]);
  });

  it.each([
    ['main/core/service.ts', '../../renderer/src/dom', 'main-core'],
    ['main/index.ts', '../renderer/src/main', 'main-glue'],
    ['renderer/src/main.ts', '../../main/core/service', 'renderer'],
    ['renderer/src/main.ts', '../../preload/index', 'renderer'],
    ['common/text/fold.ts', '../../renderer/src/dom', 'common'],
    ['common/text/fold.ts', '../../main/core/errors', 'common'],
    ['main/core/errors.ts', '../window', 'main-core'],
  ])('refuses %s importing %s', (file, specifier, layer) => {
    expect(layerViolation(file, specifier)).toContain(`(${layer})`);
  });

  it.each([
    ['common/text/fold.ts', 'node:fs'],
    ['common/text/fold.ts', 'path'],
    ['renderer/src/main.ts', 'node:path'],
    ['renderer/src/main.ts', 'electron'],
    ['main/core/service.ts', 'electron'],
    ['common/contract/index.ts', 'electron/main'],
  ])('refuses %s importing the runtime module %s', (file, specifier) => {
    expect(layerViolation(file, specifier)).not.toBeNull();
  });

  it.each([
    ['main/core/service.ts', '../../common/contract'],
    ['main/ipc.ts', './core/dispatch'],
    ['main/ipc.ts', 'electron'],
    ['preload/index.ts', 'electron'],
    ['preload/index.ts', '../common/contract'],
    ['renderer/src/main.ts', '../../common/text/fold'],
    ['common/anchoring/match-quote.ts', 'approx-string-match'],
    ['main/core/storage/durable-file.ts', 'node:fs/promises'],
  ])('allows %s importing %s', (file, specifier) => {
    expect(layerViolation(file, specifier)).toBeNull();
  });

  it('finds static, type-only, re-exported and dynamic imports', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b';",
      "export { c } from './c';",
      "export * from './d';",
      "import './e.css';",
      "const f = await import('./f');",
      "import {\n  g,\n  h,\n} from './gh';",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual(['./a', '../b', './c', './d', './e.css', './f', './gh']);
  });
});
