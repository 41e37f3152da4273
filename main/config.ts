import { isAbsolute, resolve } from 'node:path';
import { GlossError } from './core/errors';

/** The app's own pages are served from this origin by a custom protocol, never from file://. */
export const appScheme = 'gloss';
export const appOrigin = `${appScheme}://app`;

/** How long after the library opens the app builds its search index in the background (the launch's own work first). */
export const searchWarmDelayMs = 2000;

/**
 * Where the user's library lives: `--data-dir DIR` (or `--data-dir=DIR`),
 * else the GLOSS_DATA_DIR environment variable, else Electron's userData.
 * A `--data-dir` with no folder is refused (GlossError 'invalid-argument'):
 * read as "not given", it once sent an import into the default library.
 */
export function resolveDataDir(argv: readonly string[], env: NodeJS.ProcessEnv, defaultDir: string, cwd = process.cwd()): string {
  const argument = dataDirArgument(argv);
  if (argument === '') throw new GlossError('invalid-argument', '--data-dir needs a folder; it was given none.');
  const chosen = argument ?? (env.GLOSS_DATA_DIR || null) ?? defaultDir;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

/** The folder `--data-dir` names: null when the flag is absent, '' when it names none. */
function dataDirArgument(argv: readonly string[]): string | null {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (argument === '--data-dir') return argv[index + 1] ?? '';
    if (argument.startsWith('--data-dir=')) return argument.slice('--data-dir='.length);
  }
  return null;
}

/** The article a new library opens with, shipped under resources/. */
export function seedArticlePath(appRoot: string): string {
  return resolve(appRoot, 'resources', 'articles', 'global-cooperation.md');
}

/** The app's name, which Electron uses for its per-user folder (package.json productName). */
export const appName = 'Gloss';

/**
 * Electron's userData folder for Gloss, computed without Electron so the
 * command line finds the app's library: appData + the app's name.
 */
export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv, home: string): string {
  if (platform === 'darwin') return resolve(home, 'Library', 'Application Support', appName);
  if (platform === 'win32') return resolve(env.APPDATA || resolve(home, 'AppData', 'Roaming'), appName);
  return resolve(env.XDG_CONFIG_HOME || resolve(home, '.config'), appName);
}
