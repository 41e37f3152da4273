import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { appOrigin, appScheme, resolveDataDir, seedArticlePath } from '../../main/config';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

// Paths are built with path.resolve so the expectations hold on any platform.
const cwd = resolve('/home/reader/work');
const defaultDir = resolve('/home/reader/.config/Gloss');
const argDir = resolve('/data/from-argument');
const envDir = resolve('/data/from-env');
/** What Electron's process.argv looks like before the app's own arguments. */
const electronArgs = ['/opt/Gloss/gloss', '/opt/Gloss/resources/app'];

describe('resolveDataDir', () => {
  it.each([
    ['the folder after --data-dir', [...electronArgs, '--data-dir', argDir]],
    ['the folder in --data-dir=DIR', [...electronArgs, `--data-dir=${argDir}`]],
    ['the --data-dir folder when other flags come first', [...electronArgs, '--no-sandbox', '--data-dir', argDir]],
    ['the --data-dir=DIR folder when other flags come after', [...electronArgs, `--data-dir=${argDir}`, '--inspect']],
  ])('uses %s', (_name, argv) => {
    expect(resolveDataDir(argv, {}, defaultDir, cwd)).toBe(argDir);
  });

  it('uses GLOSS_DATA_DIR when no argument names a folder', () => {
    expect(resolveDataDir(electronArgs, { GLOSS_DATA_DIR: envDir }, defaultDir, cwd)).toBe(envDir);
  });

  it('uses the default folder when neither an argument nor GLOSS_DATA_DIR names one', () => {
    expect(resolveDataDir(electronArgs, {}, defaultDir, cwd)).toBe(defaultDir);
  });

  it('treats an empty GLOSS_DATA_DIR as unset', () => {
    expect(resolveDataDir(electronArgs, { GLOSS_DATA_DIR: '' }, defaultDir, cwd)).toBe(defaultDir);
  });

  it.each([
    ['--data-dir DIR', [...electronArgs, '--data-dir', argDir]],
    ['--data-dir=DIR', [...electronArgs, `--data-dir=${argDir}`]],
  ])('prefers the argument %s over GLOSS_DATA_DIR', (_form, argv) => {
    expect(resolveDataDir(argv, { GLOSS_DATA_DIR: envDir }, defaultDir, cwd)).toBe(argDir);
  });

  it.each([
    ['--data-dir with a relative folder', ['--data-dir', 'library'], {}, resolve(cwd, 'library')],
    ['--data-dir= with a relative folder', ['--data-dir=./library'], {}, resolve(cwd, 'library')],
    ['--data-dir= with a parent-relative folder', ['--data-dir=../shared/gloss'], {}, resolve(cwd, '..', 'shared', 'gloss')],
    ['a relative GLOSS_DATA_DIR', [], { GLOSS_DATA_DIR: 'env-library' }, resolve(cwd, 'env-library')],
  ])('resolves %s against the given working directory', (_name, argv, env, expected) => {
    expect(resolveDataDir(argv, env, defaultDir, cwd)).toBe(expected);
  });

  it('keeps an absolute folder as given, whatever the working directory', () => {
    expect(resolveDataDir(['--data-dir', argDir], {}, defaultDir, resolve('/somewhere/else'))).toBe(argDir);
  });

  it.each([
    ['--data-dir as the last argument', [...electronArgs, '--data-dir']],
    ['--data-dir ""', [...electronArgs, '--data-dir', '']],
    ['--data-dir=', [...electronArgs, '--data-dir=']],
  ])('refuses %s in one sentence, instead of quietly opening another library', (_form, argv) => {
    // Falling back to the default once sent an import into the user's main library.
    for (const env of [{}, { GLOSS_DATA_DIR: envDir }]) {
      expect(() => resolveDataDir(argv, env, defaultDir, cwd)).toThrow('--data-dir needs a folder; it was given none.');
    }
  });

  it.each([['--data-directory', argDir], [`--data-dirs=${argDir}`], [`--data-dir-extra=${argDir}`], [`-data-dir=${argDir}`]])(
    'ignores the look-alike argument %s',
    (...argv) => {
      expect(resolveDataDir([...electronArgs, ...argv], {}, defaultDir, cwd)).toBe(defaultDir);
    },
  );
});

describe('the app origin', () => {
  it('is the gloss scheme with the host "app"', () => {
    expect(appScheme).toBe('gloss');
    expect(appOrigin).toBe('gloss://app');
  });
});

describe('seedArticlePath', () => {
  it('names the article shipped under resources/articles', () => {
    const path = seedArticlePath(projectRoot);
    expect(path).toBe(resolve(projectRoot, 'resources', 'articles', 'global-cooperation.md'));
    expect(existsSync(path)).toBe(true);
  });
});
