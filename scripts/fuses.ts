/**
 * Electron fuses for every packaged Gloss: switches compiled into the Electron
 * binary that no command line, environment variable or script can turn back.
 * Gloss has no packaging step yet (no electron-builder or Forge here); whatever
 * packages it runs this on the packaged binary, after the app is in its asar:
 *
 *   npx tsx scripts/fuses.ts dist/linux-unpacked/gloss     (or …/Gloss.app, or …\Gloss.exe)
 *
 * With `strictlyRequireAllFuses` a newer Electron that adds a fuse makes this
 * fail (and the typecheck too) until someone decides that fuse.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { flipFuses, FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';

export const glossFuses = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would make the signed app binary a plain Node.js that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // Chromium's cookies and storage encrypted with an OS-held key (Gloss stores none today; cheap insurance).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could --require code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anything on the machine attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar is checked against the hash in the packaged binary, so its code cannot be swapped.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // …and only that asar is loaded, never a loose folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Electron's default: one V8 snapshot for every process.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // Gloss serves its pages from gloss://, never file://, so file: needs none of its old privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default: WebAssembly bounds checks by trap handler.
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies FuseV1Config;

/** Flips the fuses of the Electron binary at `binary`, then reads them back; throws when any differs. */
export async function applyGlossFuses(binary: string): Promise<void> {
  await flipFuses(binary, { ...glossFuses, resetAdHocDarwinSignature: process.platform === 'darwin' && process.arch === 'arm64' });
  const wire = await getCurrentFuseWire(binary);
  const wrong = Object.values(FuseV1Options)
    .filter((option): option is FuseV1Options => typeof option === 'number')
    .filter((option) => wire[option] !== (glossFuses[option] ? FuseState.ENABLE : FuseState.DISABLE))
    .map((option) => FuseV1Options[option]);
  if (wrong.length > 0) throw new Error(`These fuses did not take: ${wrong.join(', ')}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const binary = process.argv[2];
  if (!binary) {
    console.error('usage: npx tsx scripts/fuses.ts <packaged Electron binary or .app>');
    process.exit(2);
  }
  applyGlossFuses(binary).then(
    () => console.log(`Fuses set on ${binary}.`),
    (error: unknown) => {
      console.error(`Fuses not set: ${(error as Error).message}`);
      process.exit(1);
    },
  );
}
