/**
 * The layering rule, as data: which layer a file belongs to and what it may import.
 *
 *   renderer ─┐
 *   preload  ─┼─▶ common
 *   main     ─┘
 *
 * Layers import only downward; main and renderer never import each other; `electron` is for
 * main's glue (the files directly in main/) and the preload only; main/core stays Electron-free
 * so the CLI, the Chromium test runtime and unit tests can run it.
 */
import { builtinModules } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';

export type Layer = 'common' | 'main-core' | 'main-glue' | 'preload' | 'renderer';

/** The layer a repository-relative path belongs to, or null when the rule does not cover it (tests, scripts). */
export function layerOf(path: string): Layer | null {
  const parts = path.split(/[\\/]/);
  if (parts[0] === 'common') return 'common';
  if (parts[0] === 'preload') return 'preload';
  if (parts[0] === 'renderer') return 'renderer';
  if (parts[0] === 'main') return parts[1] === 'core' ? 'main-core' : 'main-glue';
  return null;
}

/** Which layers each layer's relative imports may reach. */
const reachable: Record<Layer, readonly Layer[]> = {
  common: ['common'],
  'main-core': ['main-core', 'common'],
  'main-glue': ['main-glue', 'main-core', 'common'],
  preload: ['preload', 'common'],
  renderer: ['renderer', 'common'],
};

const nodeBuiltins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Why `specifier`, imported by the repository-relative `file`, breaks the layering; null when it does not. */
export function layerViolation(file: string, specifier: string): string | null {
  const from = layerOf(file);
  if (from === null) return null;
  if (specifier.startsWith('.')) {
    const target = relative('.', join(dirname(file), specifier))
      .split(sep)
      .join('/');
    const to = layerOf(target);
    if (to === null) return `${file} imports ${specifier}, which is outside common/, main/, preload/ and renderer/`;
    return reachable[from].includes(to) ? null : `${file} (${from}) imports ${specifier} (${to})`;
  }
  const packageName = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
  if (packageName === 'electron') {
    return from === 'main-glue' || from === 'preload'
      ? null
      : `${file} (${from}) imports electron, which only main's glue and the preload may`;
  }
  if (nodeBuiltins.has(specifier) || nodeBuiltins.has(packageName)) {
    return from === 'common' || from === 'renderer' ? `${file} (${from}) imports the Node module ${specifier}` : null;
  }
  return null;
}

/** Every module specifier a TypeScript source imports, re-exports or loads dynamically. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const pattern =
    /(?:^|[\s;}])(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const match of source.matchAll(pattern)) found.push((match[1] ?? match[2])!);
  return found;
}
