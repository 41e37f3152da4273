// Where the Electron binary is, without triggering electron's own lazy download
// (requiring the `electron` package from Node downloads it when missing).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The installed Electron executable under `projectRoot`, or null when it has not been fetched yet.
 * @param {string} projectRoot
 * @returns {string | null}
 */
export function findElectronBinary(projectRoot) {
  const packageDir = join(projectRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relativePath = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist');
  const binary = join(distDir, relativePath);
  return existsSync(binary) ? binary : null;
}
